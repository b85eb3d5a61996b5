// Carrying a person's mask to a frame that was not segmented: cut it out where they were last segmented, and
// set every pixel it covers on its way between two offsets (where they were last seen, where they are
// predicted to be; or twice where the detector saw them), grown for the uncertainty.
import { growMask } from "./grow.js";
import { checkMask } from "./mask.js";
import type { Point } from "./tracker.js";
import type { Box, Mask } from "./types.js";

export interface MaskCrop {
  readonly mask: Mask;
  /** Top-left corner of the crop in the frame. */
  readonly at: Point;
}

/** The part of `mask` inside `box` (rounded outwards to whole pixels, clipped to the mask). */
export function cropMask(mask: Mask, box: Box): MaskCrop {
  checkMask(mask);
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(mask.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(mask.height, Math.ceil(box.y + box.height));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (y0 + y) * mask.width + x0;
    data.set(mask.data.subarray(from, from + width), y * width);
  }
  return { mask: { width, height, data }, at: { x: x0, y: y0 } };
}

/**
 * Sets in `target` every pixel that `crop` covers while it moves in a straight line from `from` to `to`
 * pixels away from where it was cut (one placement per pixel of the path, so nothing between is skipped),
 * then grown by `margin` pixels (a Euclidean disc, rounded up). Parts outside `target` are dropped.
 */
export function carryMask(target: Mask, crop: MaskCrop, from: Point, to: Point, margin: number): void {
  checkMask(target);
  for (const p of [from, to]) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y))
      throw new RangeError(`offsets must be finite, got ${p.x}, ${p.y}`);
  }
  if (!(margin >= 0 && Number.isFinite(margin))) throw new RangeError(`margin must be a number ≥ 0, got ${margin}`);
  const { mask, at } = crop;
  if (mask.width === 0 || mask.height === 0) return;
  const fx = Math.round(from.x);
  const fy = Math.round(from.y);
  const dx = Math.round(to.x) - fx;
  const dy = Math.round(to.y) - fy;
  const m = Math.ceil(margin);
  // A local canvas holding the whole swept, grown region.
  const ox = at.x + fx + Math.min(0, dx) - m;
  const oy = at.y + fy + Math.min(0, dy) - m;
  const width = mask.width + Math.abs(dx) + 2 * m;
  const height = mask.height + Math.abs(dy) + 2 * m;
  const local = new Uint8Array(width * height);
  const steps = Math.max(Math.abs(dx), Math.abs(dy));
  for (let s = 0; s <= steps; s++) {
    const px = at.x + fx + (steps ? Math.round((dx * s) / steps) : 0) - ox;
    const py = at.y + fy + (steps ? Math.round((dy * s) / steps) : 0) - oy;
    for (let y = 0; y < mask.height; y++) {
      const row = (py + y) * width + px;
      const from = y * mask.width;
      for (let x = 0; x < mask.width; x++) if (mask.data[from + x]) local[row + x] = 1;
    }
  }
  const grown = m > 0 ? growMask({ width, height, data: local }, m).data : local;
  const x0 = Math.max(0, ox);
  const y0 = Math.max(0, oy);
  const x1 = Math.min(target.width, ox + width);
  const y1 = Math.min(target.height, oy + height);
  for (let y = y0; y < y1; y++) {
    const row = (y - oy) * width - ox;
    const out = y * target.width;
    for (let x = x0; x < x1; x++) if (grown[row + x]) target.data[out + x] = 1;
  }
}
