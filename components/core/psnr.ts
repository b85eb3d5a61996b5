// Peak signal-to-noise ratio of the colour channels where a mask is 0: how much a lossy encode degraded
// the part of a photo that was meant to stay as it was.
import { checkMask, checkSameSize } from "./mask.js";
import type { Mask, RgbaImage } from "./types.js";

/**
 * PSNR in dB of `b` against `a` over the R, G and B of every pixel where `mask` is 0 (alpha is ignored).
 * Infinity when those pixels are identical, or when the mask covers every pixel (nothing to compare).
 */
export function psnrOutsideMask(a: RgbaImage, b: RgbaImage, mask: Mask): number {
  checkSameSize(a, b, "a", "b");
  checkSameSize(a, mask, "image", "mask");
  checkMask(mask);
  let squares = 0;
  let count = 0;
  for (let p = 0; p < mask.data.length; p++) {
    if (mask.data[p]) continue;
    const i = p * 4;
    const r = a.data[i]! - b.data[i]!;
    const g = a.data[i + 1]! - b.data[i + 1]!;
    const bl = a.data[i + 2]! - b.data[i + 2]!;
    squares += r * r + g * g + bl * bl;
    count += 3;
  }
  if (squares === 0) return Number.POSITIVE_INFINITY;
  return 10 * Math.log10((255 * 255 * count) / squares);
}
