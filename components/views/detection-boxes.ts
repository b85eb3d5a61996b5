// The detector's boxes over the photo: people that count under the threshold and the people limit are solid
// and labelled; people that do not, and (optionally) other classes, are faint and dashed, so moving the
// threshold shows what it lets through. Counts are on the element as data attributes.
import { selectPeople } from "../core/detections.js";
import type { Detection, RgbaImage } from "../core/types.js";
import { ImageCanvas, paintCanvas } from "./image-canvas.js";
import { caption, HALO, layered } from "./paint.js";
import { describeBoxes } from "./stage-descriptions.js";

/** Okabe–Ito orange and sky blue: distinct for colour-blind readers, on photos and in both themes. */
export const PERSON_COLOR = "#e69f00";
export const OTHER_COLOR = "#56b4e9";

export interface DetectionBoxesOptions {
  /** "person": only person boxes; "all": every class the detector found. */
  classes?: "person" | "all";
  /** A legend and a sentence counting the boxes under the photo. */
  key?: boolean;
  id?: string;
}

export interface BoxSettings {
  readonly threshold: number;
  readonly maxPeople: number;
}

export interface DetectionBoxesElement extends HTMLElement {
  /**
   * Shows a photo (`image`, which may be a smaller copy of the one the boxes refer to, of `size`), with no boxes
   * until the next update.
   */
  setPhoto(image: RgbaImage, size?: { readonly width: number; readonly height: number }): void;
  /** Draws `detections` under these settings in place of the last ones (a d3 join: boxes are updated, not rebuilt). */
  update(detections: readonly Detection[], settings: BoxSettings): void;
}

type Kind = "counted" | "person" | "other";

interface Classified {
  readonly detection: Detection;
  readonly kind: Kind;
  readonly above: boolean;
}

/**
 * A photo (setPhoto) with the detector's boxes over it (update), made once per page. Labels keep a readable size
 * at any displayed width.
 */
export function DetectionBoxes({ classes = "all", key = true, id }: DetectionBoxesOptions = {}): DetectionBoxesElement {
  const canvas = ImageCanvas({ width: 0, height: 0, data: new Uint8ClampedArray() });
  let size: { readonly width: number; readonly height: number } = { width: 1, height: 1 };
  const { figure, svg } = layered(canvas, { size });
  // One image for screen readers, named by what its boxes show (describeBoxes), renamed as they change.
  figure.setAttribute("role", "img");
  figure.setAttribute("aria-label", NO_BOXES);
  const root = document.createElement("div") as unknown as DetectionBoxesElement;
  if (id) root.id = id;
  root.append(figure);
  const legendLine = key ? legend(classes) : undefined;
  const sentence = key ? caption("") : undefined;
  if (legendLine && sentence) root.append(legendLine, sentence);

  let last: { detections: readonly Detection[]; settings: BoxSettings } | undefined;
  let width = 0; // displayed width in CSS pixels
  const render = () => {
    if (!last) return;
    const { detections, settings } = last;
    const { threshold, maxPeople } = settings;
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
    const unit = size.width / Math.max(1, width || size.width / 2); // photo pixels per CSS pixel
    const fontSize = 12 * unit;
    const labels = placeLabels(
      items.filter(solid).map((d) => d.detection),
      fontSize,
    );
    const boxes = svg
      .selectAll<SVGGElement, Classified>("g")
      .data(
        [...items].sort((a, b) => Number(solid(a)) - Number(solid(b)) || a.detection.score - b.detection.score),
        (d) => `${d.detection.label} ${d.detection.score} ${d.detection.box.x} ${d.detection.box.y}`,
      )
      .join((enter) => {
        const g = enter.append("g");
        for (const halo of [true, false]) g.append("rect").attr("class", halo ? "halo" : "line");
        g.append("title");
        g.append("text").attr("font-family", "var(--sans-serif)").attr("paint-order", "stroke").attr("stroke", HALO);
        return g;
      })
      .order()
      .attr("transform", (d) => `translate(${d.detection.box.x},${d.detection.box.y})`)
      .attr("opacity", (d) => (solid(d) ? 1 : 0.6));
    for (const [halo, strokeWidth] of [
      [true, 4],
      [false, 2],
    ] as const) {
      boxes
        .select(halo ? "rect.halo" : "rect.line")
        .attr("width", (d) => d.detection.box.width)
        .attr("height", (d) => d.detection.box.height)
        .attr("fill", "none")
        .attr("stroke", (d) => (halo ? HALO : color(d)))
        .attr("stroke-width", (d) => (solid(d) ? strokeWidth : strokeWidth / 2))
        .attr("stroke-dasharray", (d) => (solid(d) ? null : "4 3"))
        .attr("vector-effect", "non-scaling-stroke");
    }
    boxes.select("title").text((d) => `${label(d.detection)}${solid(d) ? "" : " (not counted)"}`);
    boxes
      .select("text")
      .attr("display", (d) => (labels.has(d.detection) ? null : "none"))
      .attr("y", (d) => (labels.get(d.detection) ?? 0) - d.detection.box.y)
      .attr("x", 2 * unit)
      .attr("font-size", fontSize)
      .attr("stroke-width", 3 * unit)
      .attr("fill", color)
      .text((d) => label(d.detection));

    figure.setAttribute("aria-label", describeBoxes(detections, settings, size, { classes }));
    const persons = items.filter((d) => d.detection.label === "person").length;
    Object.assign(root.dataset, {
      total: items.length,
      above: items.filter((d) => d.above).length,
      people: counted.size,
    });
    if (sentence)
      sentence.textContent =
        `${items.length} detections of ${new Set(items.map((d) => d.detection.label)).size} classes; ` +
        `${persons} are “person”, and ${counted.size} of those count as people at threshold ${threshold.toFixed(2)}` +
        (counted.size === maxPeople && persons > counted.size ? ` (limited to ${maxPeople})` : "") +
        ".";
  };
  // Labels are sized for the displayed width: drawn again when it changes.
  new ResizeObserver(([entry]) => {
    const next = entry?.contentRect.width ?? 0;
    if (next > 0 && Math.abs(next - width) > 1) {
      width = next;
      render();
    }
  }).observe(figure);
  root.setPhoto = (image, photoSize = image) => {
    paintCanvas(canvas, image);
    size = photoSize;
    svg.attr("viewBox", `0 0 ${size.width} ${size.height}`).selectAll("g").remove();
    last = undefined;
    delete root.dataset.people;
    figure.setAttribute("aria-label", NO_BOXES);
  };
  root.update = (detections, settings) => {
    last = { detections, settings };
    render();
  };
  return root;
}

const NO_BOXES = "The photo; the detector's boxes are not drawn yet.";

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
