// The three segmentation modes' masks side by side, overlaid, and measured against each other.
import { maskArea, maskIoU, subtractMasks } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import { caption, css, dimmed, type Rgb, tint } from "./paint.js";
import { CropGrid } from "./radius-grid.js";

export interface LabelledMask {
  readonly label: string;
  readonly mask: Mask;
  readonly color: Rgb;
}

/** Each mask over its own dimmed copy of the photo, in a row that wraps on narrow screens. */
export function MaskRow(image: RgbaImage, masks: readonly LabelledMask[], { id }: { id: string }): HTMLElement {
  const base = dimmed(image, 0.5);
  const items = masks.map(({ label, mask, color }) => {
    const painted = { ...base, data: new Uint8ClampedArray(base.data) };
    tint(painted, mask, color, 0.8);
    const area = maskArea(mask);
    return {
      title: label,
      image: painted,
      note: `${area.toLocaleString("en")} px (${((100 * area) / (mask.width * mask.height)).toFixed(1)}% of the photo)`,
    };
  });
  return CropGrid(items, whole(image), { id, minWidth: 120, pixelated: false });
}

const whole = (image: RgbaImage) => ({ x: 0, y: 0, width: image.width, height: image.height });

/** Intersection over union of every pair, as a small table. */
export function IoUTable(masks: readonly LabelledMask[]): HTMLTableElement {
  const table = document.createElement("table");
  table.id = "iou-table";
  const head = table.createTHead().insertRow();
  head.insertCell().textContent = "IoU";
  for (const m of masks) head.insertCell().textContent = m.label;
  const body = table.createTBody();
  for (const a of masks) {
    const row = body.insertRow();
    row.insertCell().textContent = a.label;
    for (const b of masks) {
      const cell = row.insertCell();
      cell.textContent = a === b ? "—" : maskIoU(a.mask, b.mask).toFixed(2);
      cell.style.fontVariantNumeric = "tabular-nums";
    }
  }
  return table;
}

/** Highlight colour for missed pixels: magenta stands out on photos and against the mode colours. */
const MISSED: Rgb = [255, 0, 200];

/**
 * For each mask, the pixels of `reference` it does not have (reference − mask), bright over the dimmed
 * photo with the mask itself faint; counts in the captions and as data attributes.
 */
export function MissedPixels(image: RgbaImage, reference: Mask, masks: readonly LabelledMask[]): HTMLElement {
  const base = dimmed(image, 0.5);
  const total = maskArea(reference);
  const counts: Record<string, number> = {};
  const items = masks.map(({ label, mask, color }) => {
    const missed = subtractMasks(reference, mask);
    const count = maskArea(missed);
    counts[label] = count;
    const painted = { ...base, data: new Uint8ClampedArray(base.data) };
    tint(painted, mask, color, 0.35);
    tint(painted, missed, MISSED, 1);
    return {
      title: `${label} misses`,
      image: painted,
      note: `${count.toLocaleString("en")} px, ${total ? ((100 * count) / total).toFixed(1) : "0"}% of the union`,
    };
  });
  const root = document.createElement("div");
  root.id = "missed-pixels";
  for (const [label, count] of Object.entries(counts)) root.dataset[label] = String(count);
  const note = caption("");
  note.innerHTML = `<span style="color:${css(MISSED)}">■</span> pixels the union has and this mode does not; faint colour: what the mode does have.`;
  root.append(CropGrid(items, whole(image), { id: "missed-grid", minWidth: 120, pixelated: false }), note);
  return root;
}

/** Time, regions and people per segmentation mode, for one photo on one backend. */
export function TimingTable(
  rows: ReadonlyArray<{ mode: string; ms: number; regions: number; people: number }>,
): HTMLTableElement {
  const table = document.createElement("table");
  table.id = "timing-table";
  table.innerHTML = "<thead><tr><th>mode</th><th>segmentation time</th><th>regions</th><th>people</th></tr></thead>";
  const body = table.createTBody();
  for (const { mode, ms, regions, people } of rows) {
    const tr = body.insertRow();
    for (const text of [mode, `${Math.round(ms).toLocaleString("en")} ms`, String(regions), String(people)])
      tr.insertCell().textContent = text;
    tr.dataset.mode = mode;
    tr.dataset.ms = String(Math.round(ms));
  }
  return table;
}
