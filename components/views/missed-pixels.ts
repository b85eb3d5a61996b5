// What each mask misses of a reference mask (the modes against their union), shown and counted.
import { maskArea, subtractMasks } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import { CropGrid } from "./crop-grid.js";
import { type LabelledMask, whole } from "./mask-row.js";
import { caption, css, dimmed, type Rgb, tint } from "./paint.js";

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
