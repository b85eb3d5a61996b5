// The detector's person boxes drawn over the photo: boxes that count under the current threshold and
// limit are solid, the others faint and dashed, so moving the threshold shows what it lets through.
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
  for (const [stroke, strokeWidth] of [[HALO, 4], [null, 2]] as const) {
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
  box
    .append("text")
    // Inside the box when there is no room above it.
    .attr("y", (d) => (d.box.y >= fontSize * 1.2 ? -fontSize * 0.35 : fontSize))
    .attr("x", 2 * unit)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", (d) => (counted.has(d) ? COUNTED : IGNORED))
    .attr("stroke", HALO)
    .attr("stroke-width", 3 * unit)
    .attr("paint-order", "stroke")
    .text((d) => `${d.label} ${d.score.toFixed(2)}`);

  figure.append(svg.node()!);
  return figure;
}
