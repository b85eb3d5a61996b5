// Blur: three box-blur passes per axis approximate a Gaussian at O(1) cost per pixel in the radius.
import { checkImageAndMask, checkInteger } from "../image.js";
import { maskBounds } from "../mask.js";
import type { Mask, RgbaImage } from "../types.js";

export interface BlurOptions {
  /** Box radius of each pass; the result is close to a Gaussian with σ = √(passes·r(r+1)/3). Default 8. */
  radius?: number;
  /** Box passes per axis. Default 3 (within a few percent of a Gaussian). */
  passes?: number;
}

/**
 * Returns a new image where each masked pixel takes its value in the blurred original (each pass a
 * (2r+1)-wide box along rows then columns, edges replicated, rounded to bytes between passes).
 * Unmasked pixels are unchanged. Only the mask's bounding box grown by passes·r is processed,
 * which is exact because a pixel's blurred value depends on nothing farther than that.
 */
export function blur(image: RgbaImage, mask: Mask, options: BlurOptions = {}): RgbaImage {
  const { radius = 8, passes = 3 } = options;
  checkImageAndMask(image, mask);
  checkInteger(radius, "radius", 0);
  checkInteger(passes, "passes", 1, 10);
  const { width, height } = image;
  const out = new Uint8ClampedArray(image.data);
  const box = maskBounds(mask);
  if (box === undefined || radius === 0) return { width, height, data: out };
  const reach = passes * radius;
  const x0 = Math.max(0, box.x - reach),
    x1 = Math.min(width, box.x + box.width + reach);
  const y0 = Math.max(0, box.y - reach),
    y1 = Math.min(height, box.y + box.height + reach);
  const rw = x1 - x0,
    rh = y1 - y0;
  const a = new Uint8ClampedArray(rw * rh * 4);
  for (let y = 0; y < rh; y++)
    a.set(image.data.subarray(((y0 + y) * width + x0) * 4, ((y0 + y) * width + x1) * 4), y * rw * 4);
  const b = new Uint8ClampedArray(a.length);
  for (let p = 0; p < passes; p++) {
    boxRows(a, b, rw, rh, radius);
    boxColumns(b, a, rw, rh, radius);
  }
  const m = mask.data;
  for (let y = y0; y < y1; y++) {
    for (let x = x0, i = y * width + x0, j = (y - y0) * rw * 4; x < x1; x++, i++, j += 4) {
      if (m[i] === 0) continue;
      const k = i * 4;
      out[k] = a[j]!;
      out[k + 1] = a[j + 1]!;
      out[k + 2] = a[j + 2]!;
      out[k + 3] = a[j + 3]!;
    }
  }
  return { width, height, data: out };
}

// Horizontal box of radius r with a running sum per channel; indices clamp to the row. The
// clamping is done only near the ends so the long middle stretch is plain adds.
function boxRows(src: Uint8ClampedArray, dst: Uint8ClampedArray, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  const last = w - 1;
  const midStart = Math.min(w, r + 1),
    midEnd = Math.max(midStart, w - r - 1); // x − r ≥ 1 and x + r + 1 ≤ last
  for (let y = 0; y < h; y++) {
    const row = y * w * 4;
    for (let c = 0; c < 4; c++) {
      const base = row + c;
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += src[base + Math.min(last, Math.max(0, k)) * 4]!;
      let x = 0;
      for (; x < midStart; x++) {
        dst[base + x * 4] = sum * inv; // Uint8ClampedArray rounds to nearest (halves cannot occur: 2r+1 is odd)
        sum += src[base + Math.min(last, x + r + 1) * 4]! - src[base + Math.max(0, x - r) * 4]!;
      }
      for (
        let j = base + x * 4, add = base + (x + r + 1) * 4, sub = base + (x - r) * 4, end = base + midEnd * 4;
        j < end;
        j += 4, add += 4, sub += 4
      ) {
        dst[j] = sum * inv;
        sum += src[add]! - src[sub]!;
      }
      for (x = Math.max(x, midEnd); x < w; x++) {
        dst[base + x * 4] = sum * inv;
        sum += src[base + Math.min(last, x + r + 1) * 4]! - src[base + Math.max(0, x - r) * 4]!;
      }
    }
  }
}

// Vertical box of radius r: one running sum per column and channel, walking rows in order so
// memory is read sequentially.
function boxColumns(src: Uint8ClampedArray, dst: Uint8ClampedArray, w: number, h: number, r: number): void {
  const inv = 1 / (2 * r + 1);
  const stride = w * 4;
  const last = h - 1;
  const sum = new Float64Array(stride);
  for (let k = -r; k <= r; k++) {
    const row = Math.min(last, Math.max(0, k)) * stride;
    for (let j = 0; j < stride; j++) sum[j]! += src[row + j]!;
  }
  for (let y = 0; y < h; y++) {
    const out = y * stride;
    const add = Math.min(last, y + r + 1) * stride;
    const sub = Math.max(0, y - r) * stride;
    for (let j = 0; j < stride; j++) {
      const s = sum[j]!;
      dst[out + j] = s * inv;
      sum[j] = s + src[add + j]! - src[sub + j]!;
    }
  }
}
