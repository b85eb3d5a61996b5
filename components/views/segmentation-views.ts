// What BodyPix gives back: each person's pixels, and the probability behind every pixel.
import * as d3 from "d3";
import type { ProbabilityMap, RgbaImage } from "../core/types.js";
import type { MaskStage } from "../pipeline/stages.js";
import { caption, css, dimmed, layered, PALETTE, tint } from "./paint.js";

/** Each person's mask in their own colour over the dimmed photo (the image the models saw). */
export function PersonMasks(image: RgbaImage, people: MaskStage["people"]): HTMLElement {
  const painted = dimmed(image, 0.45);
  people.forEach(({ region, mask }, k) => {
    tint(painted, mask, PALETTE[k % PALETTE.length]!, 0.75, region.box);
  });
  const { figure, svg } = layered(painted, { label: "Each person's mask in its own colour" });
  svg
    .selectAll("rect")
    .data(people)
    .join("rect")
    .attr("x", (d) => d.region.box.x)
    .attr("y", (d) => d.region.box.y)
    .attr("width", (d) => d.region.box.width)
    .attr("height", (d) => d.region.box.height)
    .attr("fill", "none")
    .attr("stroke", (_, k) => css(PALETTE[k % PALETTE.length]!))
    .attr("stroke-dasharray", (d) => (d.region.source === "box" ? "4 3" : "1 2"))
    .attr("vector-effect", "non-scaling-stroke");
  const root = document.createElement("div");
  root.id = "person-masks";
  root.dataset.people = String(people.length);
  const fromBoxes = people.filter((p) => p.region.source === "box").length;
  const fallbacks = people.filter((p) => p.fallback).length;
  root.append(
    figure,
    caption(
      `${people.length} regions: ${fromBoxes} cut from detector boxes (dashed frame: the padded crop BodyPix saw), ` +
        `${people.length - fromBoxes} from multi-person BodyPix (dotted frame: around the pixels it gave that person).` +
        (fallbacks
          ? ` ${fallbacks} confidently detected ${fallbacks === 1 ? "person was" : "people were"} barely marked by BodyPix; the pipeline hides ${fallbacks === 1 ? "that person" : "them"} with an ellipse over the detector's box instead.`
          : ""),
    ),
  );
  return root;
}

/** Person probability as colour (viridis: dark = 0, yellow = 1), the threshold as a white outline, and a key. */
export function ProbabilityHeatmap(
  map: ProbabilityMap,
  { threshold, width }: { threshold: number; width: number },
): HTMLElement {
  const color = d3.scaleSequential(d3.interpolateViridis).domain([0, 1]);
  // 256 precomputed colours instead of a d3 call per pixel.
  const lut = d3.range(256).map((i) => d3.rgb(color(i / 255)));
  const data = new Uint8ClampedArray(map.width * map.height * 4);
  map.data.forEach((p, i) => {
    const { r, g, b } = lut[Math.round(Math.min(1, Math.max(0, p)) * 255)]!;
    data.set([r, g, b, 255], i * 4);
  });
  const { figure, svg } = layered(
    { width: map.width, height: map.height, data },
    { label: "Person probability of every pixel" },
  );
  const [contour] = d3.contours().size([map.width, map.height]).thresholds([threshold])(Array.from(map.data));
  svg
    .append("path")
    .attr("d", d3.geoPath()(contour!))
    .attr("fill", "none")
    .attr("stroke", "white")
    .attr("stroke-width", 1.5)
    .attr("vector-effect", "non-scaling-stroke");

  // The key: the colour ramp with the threshold marked on it.
  const keyHeight = 34;
  const x = d3.scaleLinear([0, 1], [10, Math.max(60, Math.min(width, 360) - 10)]);
  const key = d3
    .create("svg")
    .attr("width", x.range()[1]! + 10)
    .attr("height", keyHeight)
    .style("font", "11px var(--sans-serif)")
    .style("display", "block");
  const gradientId = `viridis-${Math.random().toString(36).slice(2)}`;
  key
    .append("defs")
    .append("linearGradient")
    .attr("id", gradientId)
    .selectAll("stop")
    .data(d3.range(0, 1.01, 0.1))
    .join("stop")
    .attr("offset", (d) => d)
    .attr("stop-color", (d) => color(d));
  key
    .append("rect")
    .attr("x", x(0))
    .attr("y", 4)
    .attr("width", x(1) - x(0))
    .attr("height", 10)
    .attr("fill", `url(#${gradientId})`);
  key
    .append("g")
    .attr("transform", "translate(0,14)")
    .call(d3.axisBottom(x).ticks(5).tickSize(3))
    .call((g) => g.select(".domain").remove());
  key
    .append("line")
    .attr("x1", x(threshold))
    .attr("x2", x(threshold))
    .attr("y1", 0)
    .attr("y2", 18)
    .attr("stroke", "currentColor")
    .attr("stroke-width", 2);

  const root = document.createElement("div");
  root.id = "probability-heatmap";
  const above = map.data.reduce((n, p) => n + (p >= threshold ? 1 : 0), 0);
  root.append(
    figure,
    key.node()!,
    caption(
      `White outline: probability ${threshold.toFixed(2)} (the threshold, marked on the key). ${above.toLocaleString("en")} of ${map.data.length.toLocaleString("en")} pixels are above it.`,
    ),
  );
  return root;
}
