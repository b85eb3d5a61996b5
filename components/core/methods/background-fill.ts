// Background fill: masked pixels are painted with nearby background, so people fade into the scene.
import { nearestSetPixel } from "../distance.js";
import { checkImageAndMask, checkInteger } from "../image.js";
import { randomSource } from "../random.js";
import type { Mask, RgbaImage } from "../types.js";

export interface BackgroundFillOptions {
  /** Each masked pixel looks up the background nearest to a point up to this many pixels away. Default 8. */
  jitter?: number;
  /** Seed for the jitter. Default 1. */
  seed?: number;
}

// The nearest-background map depends on the mask alone, and a new strength or seed fills the same mask again,
// so the map is kept per mask object. Nothing stops a caller from changing a mask's bytes in place, so the
// entry also holds a copy of the bytes it was computed from and serves only a mask that still has them
// (comparing bytes costs a small part of a fill; a stale map could copy a now-masked, personal colour).
const nearestByMask = new WeakMap<Mask, { readonly bytes: Uint8Array; readonly nearest: Int32Array }>();

/** For every pixel, the index of a nearest unmasked pixel (cached per mask; see nearestSetPixel). */
export function nearestBackground(mask: Mask): Int32Array {
  const cached = nearestByMask.get(mask);
  if (cached && sameBytes(cached.bytes, mask.data)) return cached.nearest;
  const nearest = nearestSetPixel(mask, true);
  nearestByMask.set(mask, { bytes: new Uint8Array(mask.data), nearest });
  return nearest;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Returns a new image where each masked pixel copies an UNMASKED pixel of the original: the one
 * nearest (Euclidean) to a point jittered uniformly within ±jitter in x and y (clamped to the
 * image). Jitter 0 gives the plain nearest-background fill, which smears edges into streaks; the
 * jitter breaks them into texture. Masked colours can never be copied. If every pixel is masked,
 * there is no background: the whole image becomes its mean colour.
 */
export function backgroundFill(image: RgbaImage, mask: Mask, options: BackgroundFillOptions = {}): RgbaImage {
  const { jitter = 8, seed = 1 } = options;
  checkImageAndMask(image, mask);
  checkInteger(jitter, "jitter", 0, 65535);
  const random = randomSource(seed);
  const { width, height } = image;
  const src = image.data;
  const out = new Uint8ClampedArray(src);
  const m = mask.data;
  let anyMasked = false,
    anyBackground = false;
  for (let i = 0; i < m.length && !(anyMasked && anyBackground); i++) {
    if (m[i] === 0) anyBackground = true;
    else anyMasked = true;
  }
  if (!anyMasked) return { width, height, data: out };
  if (!anyBackground) {
    const sum = [0, 0, 0, 0];
    for (let j = 0; j < src.length; j++) sum[j & 3]! += src[j]!;
    const mean = sum.map((s) => Math.round(s / m.length));
    for (let j = 0; j < out.length; j++) out[j] = mean[j & 3]!;
    return { width, height, data: out };
  }
  const nearest = nearestBackground(mask);
  const n = 2 * jitter + 1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (m[i] === 0) continue;
      let k = i;
      if (jitter > 0) {
        const u = random();
        const sy = Math.min(height - 1, Math.max(0, y + (((u >>> 16) * n) >>> 16) - jitter));
        const sx = Math.min(width - 1, Math.max(0, x + (((u & 0xffff) * n) >>> 16) - jitter));
        k = sy * width + sx;
      }
      const j = nearest[k]! * 4,
        o = i * 4;
      out[o] = src[j]!;
      out[o + 1] = src[j + 1]!;
      out[o + 2] = src[j + 2]!;
      out[o + 3] = src[j + 3]!;
    }
  }
  return { width, height, data: out };
}
