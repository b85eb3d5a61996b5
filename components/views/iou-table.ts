// How much the masks agree: intersection over union of every pair.
import { maskIoU } from "../core/mask.js";
import type { LabelledMask } from "./mask-row.js";

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
