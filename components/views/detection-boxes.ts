// The detector's boxes over the photo: people that count under the threshold and the people limit are solid
// and labelled; people that do not, and (optionally) other classes, are faint and dashed, so moving the
// threshold shows what it lets through. Counts are on the element as data attributes.
import type * as d3 from "d3";
import { selectPeople } from "../core/detections.js";
import type { Detection, RgbaImage } from "../core/types.js";
import { caption, HALO, layered } from "./paint.js";

/** Okabe–Ito orange and sky blue: distinct for colour-blind readers, on photos and in both themes. */
export const PERSON_COLOR = "#e69f00";
export const OTHER_COLOR = "#56b4e9";

export interface DetectionBoxesOptions {
  /** The photo drawn underneath (may be a smaller copy of the one the boxes refer to). */
  image: RgbaImage;
  /** Size of the photo the boxes' coordinates refer to; the image's by default. */
  size?: { readonly width: number; readonly height: number };
  /** Width the view is displayed at, in CSS pixels: keeps labels readable at any size. */
  width: number;
  threshold: number;
  maxPeople: number;
  /** "person": only person boxes; "all": every class the detector found. */
  classes?: "person" | "all";
  /** A legend and a sentence counting the boxes under the photo. */
  key?: boolean;
  id?: string;
}

type Kind = "counted" | "person" | "other";

interface Classified {
  readonly detection: Detection;
  readonly kind: Kind;
  readonly above: boolean;
}

export function DetectionBoxes(
  detections: readonly Detection[],
  { image, size = image, width, threshold, maxPeople, classes = "all", key = true, id }: DetectionBoxesOptions,
): HTMLElement {
  const counted = new Set(selectPeople(detections, { minScore: threshold, maxPeople }));
  const items: Classified[] = detections
    .filter((d) => classes === "all" || d.label === "person")
    .map((detection) => ({
      detection,
      kind: counted.has(detection) ? "counted" : detection.label === "person" ? "person" : "other",
      above: detection.score >= threshold,
    }));
  const solid = (d: Classified) => d.kind === "counted" || (d.kind === "other" && d.above);
  const color = (d: Classified) => (d.kind === "other" ? OTHER_COLOR : PERSON_COLOR);
  const unit = size.width / Math.max(1, width); // photo pixels per CSS pixel
  const fontSize = 12 * unit;
  const labels = placeLabels(
    items.filter(solid).map((d) => d.detection),
    fontSize,
  );

  const { figure, svg } = layered(image, { label: "The photo with the detector's boxes", size });
  const boxes = svg
    .selectAll("g")
    .data([...items].sort((a, b) => Number(solid(a)) - Number(solid(b)) || a.detection.score - b.detection.score))
    .join("g")
    .attr("transform", (d) => `translate(${d.detection.box.x},${d.detection.box.y})`)
    .attr("opacity", (d) => (solid(d) ? 1 : 0.6));
  for (const [halo, strokeWidth] of [
    [true, 4],
    [false, 2],
  ] as const) {
    boxes
      .append("rect")
      .attr("width", (d) => d.detection.box.width)
      .attr("height", (d) => d.detection.box.height)
      .attr("fill", "none")
      .attr("stroke", (d) => (halo ? HALO : color(d)))
      .attr("stroke-width", (d) => (solid(d) ? strokeWidth : strokeWidth / 2))
      .attr("stroke-dasharray", (d) => (solid(d) ? null : "4 3"))
      .attr("vector-effect", "non-scaling-stroke");
  }
  boxes.append("title").text((d) => `${label(d.detection)}${solid(d) ? "" : " (not counted)"}`);
  boxes
    .filter((d) => labels.has(d.detection))
    .append("text")
    .attr("y", (d) => labels.get(d.detection)! - d.detection.box.y)
    .attr("x", 2 * unit)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", color)
    .call(withHalo, 3 * unit)
    .text((d) => label(d.detection));

  const root = document.createElement("div");
  if (id) root.id = id;
  const persons = items.filter((d) => d.detection.label === "person").length;
  Object.assign(root.dataset, {
    total: items.length,
    above: items.filter((d) => d.above).length,
    people: counted.size,
  });
  root.append(figure);
  if (key) {
    root.append(
      legend(classes),
      caption(
        `${items.length} detections of ${new Set(items.map((d) => d.detection.label)).size} classes; ` +
          `${persons} are “person”, and ${counted.size} of those count as people at threshold ${threshold.toFixed(2)}` +
          (counted.size === maxPeople && persons > counted.size ? ` (limited to ${maxPeople})` : "") +
          ".",
      ),
    );
  }
  return root;
}

const label = (d: Detection) => `${d.label} ${d.score.toFixed(2)}`;

/** A dark outline behind text drawn over a photo. */
function withHalo(text: d3.Selection<SVGTextElement, Classified, SVGGElement, unknown>, width: number): void {
  text.attr("stroke", HALO).attr("stroke-width", width).attr("paint-order", "stroke");
}

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

function legend(classes: "person" | "all"): HTMLElement {
  const p = caption("");
  const swatch = (color: string, text: string) => {
    const span = document.createElement("span");
    span.style.cssText = `display:inline-block;width:0.8em;height:0.8em;margin:0 0.3em 0 0.8em;vertical-align:-0.05em;background:${color};`;
    p.append(span, text);
  };
  swatch(PERSON_COLOR, "person");
  if (classes === "all") swatch(OTHER_COLOR, "any other class");
  p.append(" · dashed and faint: under the threshold (or past the people limit)");
  return p;
}
