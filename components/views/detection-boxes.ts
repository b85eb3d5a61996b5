// The detector's output drawn two ways: boxes on the photo, and every score against the threshold.
// Both take the same detections and settings, so they agree on what counts as a person.
import * as d3 from "d3";
import { selectPeople } from "../core/detections.js";
import type { Detection, RgbaImage } from "../core/types.js";
import { caption, layered } from "./paint.js";

/** Okabe–Ito orange and sky blue: distinct for colour-blind readers, on photos and in both themes. */
export const PERSON_COLOR = "#e69f00";
export const OTHER_COLOR = "#56b4e9";

export interface DetectionViewOptions {
  threshold: number;
  maxPeople: number;
  width: number;
}

type Kind = "counted" | "person" | "other";

interface Classified {
  readonly detection: Detection;
  readonly kind: Kind;
  readonly above: boolean;
}

/** Each detection with whether it is a counted person (above threshold and within the limit). */
function classify(detections: readonly Detection[], threshold: number, maxPeople: number): Classified[] {
  const counted = new Set(selectPeople(detections, { minScore: threshold, maxPeople }));
  return detections.map((detection) => ({
    detection,
    kind: counted.has(detection) ? "counted" : detection.label === "person" ? "person" : "other",
    above: detection.score >= threshold,
  }));
}

const colorOf = (kind: Kind) => (kind === "other" ? OTHER_COLOR : PERSON_COLOR);

/**
 * The photo with a box for every detection: people in orange, other classes in blue, solid when they
 * pass the threshold, faint and dashed when not. Counts are on the element as data attributes.
 */
export function DetectionBoxes(
  image: RgbaImage,
  detections: readonly Detection[],
  { threshold, maxPeople, width }: DetectionViewOptions,
): HTMLElement {
  const items = classify(detections, threshold, maxPeople);
  const { figure, svg } = layered(image, { label: "The photo with the detector's boxes" });
  const unit = image.width / Math.max(1, width); // one screen pixel, in photo pixels
  const boxes = svg
    .selectAll("g")
    .data([...items].reverse()) // best last, so it is drawn on top
    .join("g")
    .attr("opacity", (d) => (d.kind === "counted" || (d.kind === "other" && d.above) ? 1 : 0.45));
  boxes
    .append("rect")
    .attr("x", (d) => d.detection.box.x)
    .attr("y", (d) => d.detection.box.y)
    .attr("width", (d) => d.detection.box.width)
    .attr("height", (d) => d.detection.box.height)
    .attr("fill", "none")
    .attr("stroke", (d) => colorOf(d.kind))
    .attr("stroke-width", (d) => (d.kind === "counted" ? 2.5 : 1.5))
    .attr("stroke-dasharray", (d) => (d.kind === "counted" || (d.kind === "other" && d.above) ? null : "4 3"))
    .attr("vector-effect", "non-scaling-stroke")
    .append("title")
    .text((d) => `${d.detection.label} ${d.detection.score.toFixed(2)}`);
  // Labels only on boxes that pass, or the small people disappear under text.
  const labelled = boxes.filter((d) => d.above);
  const fontSize = 11 * unit;
  const labelWidth = (d: Classified) => (d.detection.label.length + 5) * fontSize * 0.6;
  const labelX = (d: Classified) => Math.max(0, Math.min(d.detection.box.x, image.width - labelWidth(d)));
  labelled
    .append("rect")
    .attr("x", labelX)
    .attr("y", (d) => Math.max(0, d.detection.box.y - fontSize * 1.3))
    .attr("width", labelWidth)
    .attr("height", fontSize * 1.3)
    .attr("fill", (d) => colorOf(d.kind));
  labelled
    .append("text")
    .attr("x", (d) => labelX(d) + fontSize * 0.25)
    .attr("y", (d) => Math.max(0, d.detection.box.y - fontSize * 1.3) + fontSize)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", "#000")
    .text((d) => `${d.detection.label} ${d.detection.score.toFixed(2)}`);

  const root = document.createElement("div");
  root.id = "detection-boxes";
  root.dataset.total = String(items.length);
  root.dataset.above = String(items.filter((d) => d.above).length);
  root.dataset.people = String(items.filter((d) => d.kind === "counted").length);
  const counted = Number(root.dataset.people);
  const persons = items.filter((d) => d.detection.label === "person").length;
  root.append(
    figure,
    legend(),
    caption(
      `${items.length} detections of ${new Set(detections.map((d) => d.label)).size} classes; ` +
        `${persons} are “person”, and ${counted} of those count as people at threshold ${threshold.toFixed(2)}` +
        (counted === maxPeople && persons > counted ? ` (limited to ${maxPeople})` : "") +
        ".",
    ),
  );
  return root;
}

function legend(): HTMLElement {
  const p = caption("");
  const swatch = (color: string, text: string) => {
    const span = document.createElement("span");
    span.style.cssText = `display:inline-block;width:0.8em;height:0.8em;margin:0 0.3em 0 0.8em;vertical-align:-0.05em;background:${color};`;
    p.append(span, text);
  };
  swatch(PERSON_COLOR, "person");
  swatch(OTHER_COLOR, "any other class");
  p.append(" · dashed and faint: under the threshold (or past the people limit)");
  return p;
}

/**
 * One dot per detection, highest score first: orange for “person”, blue for the other classes, with the
 * threshold as a line. Dots under the line are faint; a person over the line but past the people limit
 * is a hollow ring.
 */
export function ScoreChart(
  detections: readonly Detection[],
  { threshold, maxPeople, width }: DetectionViewOptions,
): SVGSVGElement {
  const items = classify(detections, threshold, maxPeople);
  const height = 220;
  const margin = { top: 16, right: 12, bottom: 30, left: 36 };
  const x = d3
    .scaleBand<number>()
    .domain(d3.range(items.length))
    .range([margin.left, width - margin.right])
    .padding(0.3);
  const y = d3.scaleLinear([0, 1], [height - margin.bottom, margin.top]);
  const r = Math.max(2.5, Math.min(6, x.bandwidth() / 2));
  const svg = d3
    .create("svg")
    .attr("id", "score-chart")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", "Detection scores, highest first, with the threshold")
    .style("max-width", "100%")
    .style("font", "11px var(--sans-serif)");
  svg
    .append("g")
    .attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).ticks(5))
    .call((g) => g.select(".domain").remove())
    .call((g) =>
      g
        .selectAll(".tick line")
        .clone()
        .attr("x2", width - margin.left - margin.right)
        .attr("stroke-opacity", 0.1),
    );
  svg
    .append("text")
    .attr("x", margin.left)
    .attr("y", height - 8)
    .attr("fill", "currentColor")
    .text(`${items.length} detections, highest score first →`);
  svg
    .append("g")
    .selectAll("circle")
    .data(items)
    .join("circle")
    .attr("cx", (_, i) => x(i)! + x.bandwidth() / 2)
    .attr("cy", (d) => y(d.detection.score))
    .attr("r", r)
    .attr("fill", (d) => (d.kind === "person" && d.above ? "none" : colorOf(d.kind)))
    .attr("stroke", (d) => colorOf(d.kind))
    .attr("stroke-width", 1.5)
    .attr("opacity", (d) => (d.above ? 1 : 0.35))
    .append("title")
    .text((d) => `${d.detection.label} ${d.detection.score.toFixed(2)}`);
  const line = svg.append("g").attr("transform", `translate(0,${y(threshold)})`);
  line
    .append("line")
    .attr("x1", margin.left)
    .attr("x2", width - margin.right)
    .attr("stroke", "currentColor")
    .attr("stroke-width", 1.5)
    .attr("stroke-dasharray", "5 3");
  line
    .append("text")
    .attr("x", width - margin.right)
    .attr("y", -5)
    .attr("text-anchor", "end")
    .attr("fill", "currentColor")
    .text(`threshold ${threshold.toFixed(2)}`);
  return svg.node()!;
}
