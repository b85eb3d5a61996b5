// How much of a region a change touched: the check that no frame shows the original inside a person's box.
import { checkImage } from "./image.js";
import type { Box, RgbaImage } from "./types.js";

/**
 * Share of the pixels inside `box` (edges rounded outwards, clipped to the image) whose largest R, G or B
 * difference between `a` and `b` exceeds `tolerance`; 0 for a box with no pixel inside the image.
 */
export function changedShare(a: RgbaImage, b: RgbaImage, box: Box, tolerance: number): number {
  checkImage(a, "a");
  checkImage(b, "b");
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`a is ${a.width}×${a.height} but b is ${b.width}×${b.height}`);
  }
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(a.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(a.height, Math.ceil(box.y + box.height));
  let changed = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = (y * a.width + x0) * 4; x < x1; x++, i += 4) {
      const d = Math.max(
        Math.abs(a.data[i]! - b.data[i]!),
        Math.abs(a.data[i + 1]! - b.data[i + 1]!),
        Math.abs(a.data[i + 2]! - b.data[i + 2]!),
      );
      if (d > tolerance) changed++;
    }
  }
  const area = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return area ? changed / area : 0;
}
