// The detector's person boxes drawn over the photo: boxes that count under the current threshold and
// limit are solid and labelled, the others faint and dashed, so moving the threshold shows what it lets through.
import * as d3 from "d3";
import { selectPeople } from "../core/detections.js";
import type { Detection, RgbaImage } from "../core/types.js";
import { ImageCanvas } from "./image-canvas.js";

export interface DetectionOverlayOptions {
  /** The photo drawn underneath (may be a smaller copy of the one the boxes refer to). */
  image: RgbaImage;
  /** Size of the photo the boxes' coordinates refer to; defaults to the image's. */
  size?: { width: number; height: number };
  /** Width the figure is displayed at, in CSS pixels: keeps labels readable at any size. */
  width?: number;
  scoreThreshold: number;
  maxPeople: number;
}

/** Colours chosen to read over any photo: each mark has a dark halo under it. */
const COUNTED = "#ffb000";
const IGNORED = "#ffffff";
const HALO = "rgba(0, 0, 0, 0.65)";

export function DetectionOverlay(
  detections: readonly Detection[],
  { image, size = image, width = size.width, scoreThreshold, maxPeople }: DetectionOverlayOptions,
): HTMLElement {
  const people = detections.filter((d) => d.label === "person");
  const counted = new Set(selectPeople(people, { minScore: scoreThreshold, maxPeople }));
  // Below-threshold boxes first, so counted boxes are drawn on top.
  const ordered = [...people].sort((a, b) => Number(counted.has(a)) - Number(counted.has(b)) || a.score - b.score);
  const unit = size.width / width; // photo pixels per CSS pixel
  const fontSize = 12 * unit;
  const labelled = placeLabels([...counted], fontSize);

  const figure = document.createElement("figure");
  figure.style.cssText = "position:relative;margin:0;";
  figure.append(ImageCanvas(image, { label: "The photo" }));

  const svg = d3
    .create("svg")
    .attr("viewBox", `0 0 ${size.width} ${size.height}`)
    .attr("role", "img")
    .attr("aria-label", `${counted.size} person boxes counted, ${people.length - counted.size} below the threshold`)
    .style("position", "absolute")
    .style("inset", "0")
    .style("width", "100%")
    .style("height", "100%")
    .style("overflow", "hidden");

  const box = svg
    .selectAll("g")
    .data(ordered)
    .join("g")
    .attr("transform", (d) => `translate(${d.box.x},${d.box.y})`)
    .attr("opacity", (d) => (counted.has(d) ? 1 : 0.75));
  for (const [stroke, strokeWidth] of [
    [HALO, 4],
    [null, 2],
  ] as const) {
    box
      .append("rect")
      .attr("width", (d) => d.box.width)
      .attr("height", (d) => d.box.height)
      .attr("fill", "none")
      .attr("stroke", (d) => stroke ?? (counted.has(d) ? COUNTED : IGNORED))
      .attr("stroke-width", (d) => (counted.has(d) ? strokeWidth : strokeWidth / 2))
      .attr("stroke-dasharray", (d) => (counted.has(d) ? null : "4 3"))
      .attr("vector-effect", "non-scaling-stroke");
  }
  box.append("title").text((d) => `${label(d)}${counted.has(d) ? "" : " (below the threshold)"}`);
  box
    .filter((d) => labelled.has(d))
    .append("text")
    .attr("y", (d) => labelled.get(d)! - d.box.y)
    .attr("x", 2 * unit)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", COUNTED)
    .attr("stroke", HALO)
    .attr("stroke-width", 3 * unit)
    .attr("paint-order", "stroke")
    .text(label);

  figure.append(svg.node()!);
  return figure;
}

const label = (d: Detection) => `${d.label} ${d.score.toFixed(2)}`;

/**
 * Baselines of the labels that fit, best scores first: above the box (just inside it when there is no room),
 * skipping any that would overlap a label already placed; those boxes keep only their tooltip.
 */
function placeLabels(detections: readonly Detection[], fontSize: number): Map<Detection, number> {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const baselines = new Map<Detection, number>();
  for (const d of [...detections].sort((a, b) => b.score - a.score)) {
    const baseline = d.box.y >= fontSize * 1.2 ? d.box.y - fontSize * 0.35 : d.box.y + fontSize;
    const rect = {
      x0: d.box.x,
      x1: d.box.x + 0.6 * fontSize * label(d).length,
      y0: baseline - fontSize,
      y1: baseline + 0.3 * fontSize,
    };
    if (placed.some((p) => p.x0 < rect.x1 && rect.x0 < p.x1 && p.y0 < rect.y1 && rect.y0 < p.y1)) continue;
    placed.push(rect);
    baselines.set(d, baseline);
  }
  return baselines;
}
