// BodyPix's person probability of every pixel, as colour, with the threshold that turns it into the mask.
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import type { ProbabilityMap } from "../core/types.js";
import { CHART_STYLE } from "./chart-parts.js";
import { caption, layered } from "./paint.js";

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
  const steps = d3.range(0, 1, 0.01);
  const key = Plot.plot({
    width: Math.max(80, Math.min(width, 360)),
    height: 40,
    margin: 10,
    marginTop: 4,
    marginBottom: 20,
    style: CHART_STYLE,
    x: { domain: [0, 1], ticks: 5, tickSize: 3, label: null },
    color: { type: "sequential", scheme: "viridis", domain: [0, 1] },
    marks: [
      Plot.rectX(steps, { x1: (p) => p, x2: (p) => p + 0.01, fill: (p) => p + 0.005 }),
      Plot.ruleX([threshold], { stroke: "currentColor", strokeWidth: 2 }),
    ],
  });
  key.style.display = "block";

  const root = document.createElement("div");
  root.id = "probability-heatmap";
  const above = map.data.reduce((n, p) => n + (p >= threshold ? 1 : 0), 0);
  root.append(
    figure,
    key,
    caption(
      `White outline: probability ${threshold.toFixed(2)} (the threshold, marked on the key). ${above.toLocaleString("en")} of ${map.data.length.toLocaleString("en")} pixels are above it.`,
    ),
  );
  return root;
}
