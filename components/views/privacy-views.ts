// The privacy page's photo views: which people the detector still finds after hiding (boxes and a table),
// and the five methods side by side.

import { cropImage } from "../core/geometry.js";
import type { Box, RgbaImage } from "../core/types.js";
import type { PersonCheck, PrivacyCheck } from "../pipeline/match-people.js";
import { ImageCanvas } from "./image-canvas.js";
import { caption, layered } from "./paint.js";

/** Okabe–Ito vermillion and bluish green: told apart by most colour-blind readers; solid vs dashed too. */
export const STILL_FOUND_COLOR = "#d55e00";
export const HIDDEN_COLOR = "#009e73";

export const personLabel = (i: number) => `P${i + 1}`;

/**
 * The image with each person found before: a solid vermillion box when the detector still finds them,
 * a dashed green box when it no longer does, labelled P1, P2, … (as in the table and the sweep).
 */
export function PrivacyBoxes(
  image: RgbaImage,
  check: PrivacyCheck,
  {
    id,
    label = "The hidden photo with the people found before",
    small = false,
  }: { id?: string; label?: string; small?: boolean } = {},
): HTMLElement {
  const { figure, svg } = layered(image, { label });
  const unit = image.width / (small ? 260 : 640); // roughly one screen pixel, in photo pixels
  const fontSize = (small ? 10 : 12) * unit;
  const g = svg.selectAll("g").data(check.people).join("g");
  g.append("rect")
    .attr("x", (d) => d.box.x)
    .attr("y", (d) => d.box.y)
    .attr("width", (d) => d.box.width)
    .attr("height", (d) => d.box.height)
    .attr("fill", "none")
    .attr("stroke", (d) => (d.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR))
    .attr("stroke-width", small ? 2 : 2.5)
    .attr("stroke-dasharray", (d) => (d.stillFound ? null : "5 3"))
    .attr("vector-effect", "non-scaling-stroke")
    .append("title")
    .text(
      (d, i) =>
        `${personLabel(i)}: ${d.stillFound ? "still found" : "no longer found"} (score before ${d.scoreBefore.toFixed(2)}, after ${d.scoreAfter.toFixed(2)})`,
    );
  const text = (d: PersonCheck, i: number) => (small ? personLabel(i) : `${personLabel(i)} ${d.scoreAfter.toFixed(2)}`);
  const width = (d: PersonCheck, i: number) => (text(d, i).length + 0.6) * fontSize * 0.6;
  const x = (d: PersonCheck, i: number) => Math.max(0, Math.min(d.box.x, image.width - width(d, i)));
  const y = (d: PersonCheck) => Math.max(0, d.box.y - fontSize * 1.3);
  g.append("rect")
    .attr("x", x)
    .attr("y", y)
    .attr("width", width)
    .attr("height", fontSize * 1.3)
    .attr("fill", (d) => (d.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR));
  g.append("text")
    .attr("x", (d, i) => x(d, i) + fontSize * 0.3)
    .attr("y", (d) => y(d) + fontSize)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", "#fff")
    .text(text);
  const root = document.createElement("div");
  if (id) root.id = id;
  root.dataset.before = String(check.foundBefore);
  root.dataset.still = String(check.stillFound);
  root.append(figure);
  return root;
}

/** A legend for PrivacyBoxes. */
export function PrivacyLegend(): HTMLElement {
  const p = caption("");
  const swatch = (color: string, dashed: boolean, text: string) => {
    const span = document.createElement("span");
    span.style.cssText = `display:inline-block;width:1em;height:0.7em;margin:0 0.3em 0 0.8em;vertical-align:-0.05em;border:2px ${dashed ? "dashed" : "solid"} ${color};`;
    p.append(span, text);
  };
  swatch(HIDDEN_COLOR, true, "no longer found by the detector");
  swatch(STILL_FOUND_COLOR, false, "still found (score ≥ 0.5, same place)");
  return p;
}

/** One row per person found before: score before, best matching score after, verdict. */
export function PrivacyTable(check: PrivacyCheck): HTMLElement {
  const table = document.createElement("table");
  table.className = "privacy-table";
  table.innerHTML =
    "<thead><tr><th>Person</th><th>Score before</th><th>Score after</th><th>After hiding</th></tr></thead>";
  const body = table.createTBody();
  check.people.forEach((p, i) => {
    const row = body.insertRow();
    row.dataset.stillFound = String(p.stillFound);
    const cells = [
      personLabel(i),
      p.scoreBefore.toFixed(2),
      p.scoreAfter > 0 ? p.scoreAfter.toFixed(2) : "< 0.10",
      p.stillFound ? "still found" : "no longer found",
    ];
    for (const text of cells) row.insertCell().textContent = text;
    const verdict = row.cells[3]!;
    verdict.style.color = p.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR;
    verdict.style.fontWeight = "600";
    for (const cell of [row.cells[1]!, row.cells[2]!]) cell.style.fontVariantNumeric = "tabular-nums";
  });
  if (check.people.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = 4;
    cell.textContent =
      "The detector found no one (score ≥ 0.5) in the original photo, so there is nobody to look for again.";
  }
  return table;
}

export interface MethodResult {
  readonly method: string;
  readonly label: string;
  readonly image: RgbaImage;
  readonly check: PrivacyCheck;
  /** changedPixels / pixels of the whole photo. */
  readonly changedShare: number;
  /** Mean absolute RGB change inside the mask, 0–1. */
  readonly colourChange: number;
}

/** A grid of small results, one per method, each with its residual detection and how much it changed. */
export function PrivacyMethodGrid(results: readonly MethodResult[]): HTMLElement {
  const grid = document.createElement("div");
  grid.className = "privacy-method-grid";
  grid.style.cssText = "display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,135px),1fr));gap:0.8rem;";
  for (const r of results) {
    const cell = document.createElement("figure");
    cell.dataset.method = r.method;
    cell.dataset.still = String(r.check.stillFound);
    cell.style.cssText = "margin:0;max-width:none;";
    const title = document.createElement("strong");
    title.textContent = r.label;
    title.style.cssText = "display:block;margin-bottom:0.3rem;";
    const stats = document.createElement("figcaption");
    stats.style.cssText = "font-size:0.85rem;margin-top:0.3rem;line-height:1.4;";
    const found = document.createElement("span");
    found.textContent = `${r.check.stillFound} of ${r.check.foundBefore} still found`;
    found.style.cssText = `font-weight:600;color:${r.check.stillFound > 0 ? STILL_FOUND_COLOR : HIDDEN_COLOR};`;
    stats.append(
      found,
      document.createElement("br"),
      `${(100 * r.changedShare).toFixed(1)}% of the photo changed`,
      document.createElement("br"),
      `colour change in the mask ${(100 * r.colourChange).toFixed(0)}%`,
    );
    cell.append(title, PrivacyBoxes(r.image, r.check, { small: true, label: `${r.label}: the result` }), stats);
    grid.append(cell);
  }
  return grid;
}

/** A one-line status for a long computation, with data-state="running" | "done" for tests, and a progress bar. */
export function SectionStatus(
  id: string,
  { done, total, text }: { done: number; total: number; text: string },
): HTMLElement {
  const p = document.createElement("p");
  p.id = id;
  p.setAttribute("role", "status");
  p.dataset.state = done >= total ? "done" : "running";
  p.dataset.done = String(done);
  p.style.cssText = "margin:0 0 0.5rem;font-size:0.9rem;max-width:none;";
  p.append(text);
  if (done < total) {
    const bar = document.createElement("progress");
    bar.max = total;
    bar.value = done;
    bar.style.cssText = "margin-left:0.5em;vertical-align:middle;";
    p.append(bar);
  }
  return p;
}

/** The same crop of several images side by side, each with a caption. */
export function CropRow(
  images: ReadonlyArray<{ image: RgbaImage; caption: string }>,
  box: Box,
  { id }: { id?: string } = {},
): HTMLElement {
  const row = document.createElement("div");
  if (id) row.id = id;
  row.style.cssText = "display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,180px),1fr));gap:0.8rem;";
  for (const { image, caption: text } of images) {
    const figure = document.createElement("figure");
    figure.style.cssText = "margin:0;max-width:none;";
    const canvas = ImageCanvas(cropImage(image, box), { label: text });
    canvas.style.imageRendering = "pixelated";
    figure.append(canvas, caption(text));
    row.append(figure);
  }
  return row;
}
