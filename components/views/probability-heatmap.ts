// BodyPix's person probability of every pixel, as colour, with the threshold that turns it into the mask. Made
// once per page: `update` recolours the photo only when the map changes, and traces the threshold's outline at
// the size it is drawn, so moving the threshold costs what the screen shows.
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import { resizeProbabilities } from "../core/mask.js";
import type { ProbabilityMap } from "../core/types.js";
import { CHART_STYLE, withGroupRoles } from "./chart-parts.js";
import { watchDrawnSize } from "./drawn-size.js";
import { ImageCanvas, paintCanvas } from "./image-canvas.js";
import { caption, layered } from "./paint.js";

export interface ProbabilityHeatmapElement extends HTMLElement {
  /** Shows `map` (recoloured only when it is another map) with the outline and key of `threshold`. */
  update(map: ProbabilityMap, threshold: number): void;
}

// 256 precomputed colours (viridis: dark = 0, yellow = 1) instead of a d3 call per pixel, as RGBA words.
const LUT = (() => {
  const color = d3.scaleSequential(d3.interpolateViridis).domain([0, 1]);
  const words = new Uint32Array(256);
  const bytes = new Uint8Array(words.buffer);
  for (let i = 0; i < 256; i++) {
    const { r, g, b } = d3.rgb(color(i / 255));
    bytes.set([r, g, b, 255], 4 * i);
  }
  return words;
})();

/** Person probability as colour, the threshold as a white outline, and a key. */
export function ProbabilityHeatmap(): ProbabilityHeatmapElement {
  const canvas = ImageCanvas(
    { width: 0, height: 0, data: new Uint8ClampedArray() },
    { label: "Person probability of every pixel" },
  );
  const { figure, svg } = layered(canvas, { size: { width: 1, height: 1 } });
  const contour = svg
    .append("path")
    .attr("fill", "none")
    .attr("stroke", "white")
    .attr("stroke-width", 1.5)
    .attr("vector-effect", "non-scaling-stroke");
  const drawn = watchDrawnSize(canvas);
  const keySlot = document.createElement("div");
  const note = caption("");
  const root = document.createElement("div") as unknown as ProbabilityHeatmapElement;
  root.id = "probability-heatmap";
  root.append(figure, keySlot, note);

  let shown: ProbabilityMap | undefined;
  let small: ProbabilityMap | undefined;
  root.update = (map, threshold) => {
    if (map !== shown) {
      shown = map;
      const data = new Uint8ClampedArray(map.width * map.height * 4);
      const words = new Uint32Array(data.buffer);
      for (let i = 0; i < map.data.length; i++)
        words[i] = LUT[Math.round(Math.min(1, Math.max(0, map.data[i]!)) * 255)]!;
      paintCanvas(canvas, { width: map.width, height: map.height, data });
      svg.attr("viewBox", `0 0 ${map.width} ${map.height}`);
      // The outline is traced on a copy at the drawn size (never larger than the map).
      const size = drawn.size(map.width / map.height);
      const w = Math.min(map.width, size?.width ?? map.width),
        h = Math.min(map.height, size?.height ?? map.height);
      small = w === map.width && h === map.height ? map : resizeProbabilities(map, w, h);
    }
    const traced = small!;
    const [line] = d3.contours().size([traced.width, traced.height]).thresholds([threshold])(
      traced.data as unknown as number[],
    );
    contour
      .attr("transform", `scale(${map.width / traced.width} ${map.height / traced.height})`)
      .attr("d", d3.geoPath()(line!));

    // The key: the colour ramp with the threshold marked on it.
    const steps = d3.range(0, 1, 0.01);
    const key = Plot.plot({
      ariaLabel: `Colour key: person probability from 0 (dark purple) to 1 (yellow), the threshold ${threshold.toFixed(2)} marked`,
      width: 360,
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
    key.style.cssText = "display:block;max-width:100%;height:auto;";
    keySlot.replaceChildren(withGroupRoles(key));
    let above = 0;
    for (let i = 0; i < map.data.length; i++) if (map.data[i]! >= threshold) above++;
    note.textContent = `White outline: probability ${threshold.toFixed(2)} (the threshold, marked on the key). ${above.toLocaleString("en")} of ${map.data.length.toLocaleString("en")} pixels are above it.`;
  };
  return root;
}
