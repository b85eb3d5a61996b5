// Mask growth by a Euclidean disc, in time linear in the pixel count whatever the radius.
import { withinDistance } from "./distance.js";
import { checkMask } from "./mask.js";
import type { Mask } from "./types.js";

/**
 * Dilates `mask` by a disc: a pixel is set when some set pixel lies within Euclidean distance
 * `pixels` of it (dx² + dy² ≤ pixels²), so hair, hands and soft edges missed by segmentation are
 * covered. Uses an exact distance transform, so the cost does not depend on the radius.
 * Returns a new 0/1 mask; 0 gives a copy.
 */
export function growMask(mask: Mask, pixels: number): Mask {
  checkMask(mask);
  if (!Number.isInteger(pixels) || pixels < 0)
    throw new RangeError(`pixels must be a non-negative integer, got ${pixels}`);
  const { width, height } = mask;
  if (pixels === 0) {
    const out = new Uint8Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = mask.data[i] !== 0 ? 1 : 0;
    return { width, height, data: out };
  }
  return { width, height, data: withinDistance(mask, pixels) };
}
