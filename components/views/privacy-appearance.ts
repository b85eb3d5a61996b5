// What each method leaves of a person's look: their crop in the original and in each result, with the colours
// the re-identification test reads (upper and lower body, widest share first), how far those moved, and whether
// the person is still matched back to themselves among everyone in the photo.
import { cropImage } from "../core/geometry.js";
import { BODY_PARTS, LEVELS } from "../core/reid.js";
import type { AppearanceComparison, AppearanceEntry } from "../pipeline/compare-appearance.js";
import { FigureTable } from "./figure-table.js";
import { ImageCanvas } from "./image-canvas.js";
import { caption } from "./paint.js";
import { percent } from "./percent.js";

const BINS = LEVELS ** 3;
/** A strip shows a part's colours until they add up to this share (the rest are specks). */
const SHOWN_SHARE = 0.95;

/** The colour at the centre of a histogram bin (reid.ts: red, green, blue levels, red slowest). */
function binColor(bin: number): string {
  const step = 256 / LEVELS;
  const level = (k: number) => Math.floor((k + 0.5) * step);
  const r = Math.floor(bin / (LEVELS * LEVELS)),
    g = Math.floor(bin / LEVELS) % LEVELS,
    b = bin % LEVELS;
  return `rgb(${level(r)}, ${level(g)}, ${level(b)})`;
}

/** One body part's colours as a bar, each bin as wide as its share, widest first. */
function PaletteStrip(descriptor: Float32Array, part: number): HTMLElement {
  const bins = Array.from({ length: BINS }, (_, k) => ({ k, share: descriptor[part * BINS + k]! }))
    .filter((b) => b.share > 0)
    .sort((a, b) => b.share - a.share);
  const strip = document.createElement("div");
  strip.setAttribute("aria-hidden", "true");
  strip.style.cssText =
    "display:flex;height:12px;margin-top:3px;border:1px solid var(--theme-foreground-faint);background:var(--theme-background);";
  let total = 0;
  for (const { k, share } of bins) {
    if (total >= SHOWN_SHARE) break;
    total += share;
    const cell = document.createElement("span");
    cell.style.cssText = `flex:0 0 ${(100 * share).toFixed(2)}%;background:${binColor(k)};`;
    strip.append(cell);
  }
  return strip;
}

function entryFigure(entry: AppearanceEntry, comparison: AppearanceComparison, original: boolean): HTMLElement {
  const figure = document.createElement("figure");
  figure.dataset.label = entry.label;
  figure.dataset.rank1 = String(entry.rank1);
  figure.dataset.distance = entry.distance.toFixed(3);
  figure.style.cssText = "margin:0;max-width:none;";
  const title = document.createElement("div");
  title.textContent = entry.label;
  title.style.cssText =
    "font-weight:600;margin-bottom:0.25rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;";
  const crop = ImageCanvas(cropImage(entry.image, comparison.box), {
    label: `The largest person ${original ? "in the original" : `after ${entry.label.toLowerCase()}`}`,
  });
  const strips = BODY_PARTS.map((_, part) => PaletteStrip(entry.descriptor, part));
  const note = original ? "their own colours" : `colour distance ${entry.distance.toFixed(2)}`;
  figure.append(title, crop, ...strips, caption(note));
  return figure;
}

/**
 * The example person in the original and after each method, with their upper- and lower-body colours, and a
 * table: how far their colours moved, where they rank, and how many of the photo's people are matched back.
 */
export function AppearanceComparisonView(comparison: AppearanceComparison, { id }: { id: string }): HTMLElement {
  const root = document.createElement("div");
  root.id = id;
  root.dataset.people = String(comparison.people);
  const grid = document.createElement("div");
  grid.style.cssText = "display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,110px),1fr));gap:0.75rem;";
  comparison.entries.forEach((entry, k) => {
    grid.append(entryFigure(entry, comparison, k === 0));
  });
  const key = caption(
    `The largest person in the photo. Under each crop, the colours of the ` +
      `${BODY_PARTS.map((p) => p.name).join(" and the ")} (${LEVELS} levels per channel, widest share first): ` +
      "what the re-identification test compares. Colour distance: 0 when the colours are the same, 1 for each " +
      "body part that shares none.",
  );
  const chance = `1 in ${comparison.people}`;
  const table = FigureTable(
    comparison.entries.slice(1),
    [
      { label: "Method", value: (e) => e.label },
      {
        label: "colour distance",
        value: (e) => e.distance.toFixed(2),
        numeric: true,
      },
      {
        label: "people closer than their own original",
        value: (e) => (e.rank.tied > 0 ? `${e.rank.closer} (${e.rank.tied} tied)` : String(e.rank.closer)),
        numeric: true,
      },
      {
        label: `people of the photo matched back first (chance ${chance})`,
        value: (e) => `${(e.rank1 * comparison.people).toFixed(1)} of ${comparison.people} (${percent(e.rank1)})`,
        numeric: true,
      },
    ],
    {
      id: `${id}-table`,
      caption: `The largest person, and every person of the photo matched against the ${comparison.people} originals`,
    },
  );
  root.append(grid, key, table);
  return root;
}
