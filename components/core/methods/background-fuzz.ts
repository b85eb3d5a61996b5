// Background fuzz: the essay's static, made of the surroundings only. Random-neighbour fuzz copies random
// pixels near each hidden pixel, most of them the person's own, so it keeps their palette (and, at small
// radii, their outline). Here every hidden pixel copies a random UNMASKED pixel nearby: the look of static,
// with no colour of the person left in it.
import { checkImageAndMask, checkInteger } from "../image.js";
import { keyedHash, randomSource } from "../random.js";
import type { Mask, RgbaImage } from "../types.js";
import { backgroundFill, nearestBackground } from "./background-fill.js";

export interface BackgroundFuzzOptions {
  /** Sources come from the (2R+1)×(2R+1) square around each hidden pixel, R = max(radius, 2·depth). Default 8. */
  radius?: number;
  /** Seed; the same seed, image and mask give the same output. Default 1. */
  seed?: number;
}

/** Largest radius accepted (offsets are drawn from 16 random bits per axis). */
export const MAX_BACKGROUND_FUZZ_RADIUS = 1024;
/** Draws per hidden pixel before falling back to the background nearest the last draw. */
export const BACKGROUND_FUZZ_ATTEMPTS = 8;

/**
 * Returns a new image in which each masked pixel copies an unmasked pixel of the original, picked at random
 * near it. With D the pixel's distance to the nearest unmasked pixel ("depth"), the search square has half
 * side R = max(radius, 2⌈D⌉): the plain radius near the edge, wider inside a person wider than 2·radius, so
 * the square always reaches well into the background (half of it or more for a convex shape). Up to
 * BACKGROUND_FUZZ_ATTEMPTS offsets are drawn uniformly in that square (coordinates clamped to the image);
 * the first that lands on an unmasked pixel is copied, so sources are uniform over the background in the
 * square. If none does, the unmasked pixel nearest the last draw is copied. Each draw is a keyed hash of
 * the pixel index and attempt (keyedHash), so the result does not depend on the traversal order. With no masked
 * pixel this is a copy; with no background the whole image becomes its mean colour (as background fill).
 */
export function backgroundFuzz(image: RgbaImage, mask: Mask, options: BackgroundFuzzOptions = {}): RgbaImage {
  const { radius = 8, seed = 1 } = options;
  checkImageAndMask(image, mask);
  checkInteger(radius, "radius", 0, MAX_BACKGROUND_FUZZ_RADIUS);
  const random = randomSource(seed);
  const k1 = random() | 0,
    k2 = random() | 0;
  const { width, height } = image;
  const m = mask.data;
  let masked = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) masked++;
  if (masked === 0 || masked === m.length) return backgroundFill(image, mask, { jitter: 0 });
  const nearest = nearestBackground(mask);
  const src = new Uint32Array(new Uint8ClampedArray(image.data).buffer);
  const dst = src.slice();
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (m[i] === 0) continue;
      const b = nearest[i]!;
      const bx = b % width,
        by = (b - bx) / width;
      const depth = Math.ceil(Math.sqrt((bx - x) ** 2 + (by - y) ** 2));
      const reach = Math.min(Math.max(radius, 2 * depth), 32767);
      const n = 2 * reach + 1;
      let source = -1,
        sx = x,
        sy = y;
      for (let a = 0; a < BACKGROUND_FUZZ_ATTEMPTS; a++) {
        const t = keyedHash(i * BACKGROUND_FUZZ_ATTEMPTS + a, k1, k2);
        sy = Math.min(height - 1, Math.max(0, y + (((t >>> 16) * n) >>> 16) - reach));
        sx = Math.min(width - 1, Math.max(0, x + (((t & 0xffff) * n) >>> 16) - reach));
        if (m[sy * width + sx] === 0) {
          source = sy * width + sx;
          break;
        }
      }
      dst[i] = src[source >= 0 ? source : nearest[sy * width + sx]!]!;
    }
  }
  return { width, height, data: new Uint8ClampedArray(dst.buffer) };
}
