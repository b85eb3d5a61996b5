// Random-neighbour fuzz: every masked pixel becomes a copy of a random pixel near it.
// Whole pixels move as uint32 words, so colours are never mixed and nothing outside the
// neighbourhood can leak in; with a large enough radius the person's shape dissolves.
import { checkImage, checkImageAndMask } from "./image.js";
import { checkSameSize } from "./mask.js";
import { randomSource } from "./random.js";
import type { Mask, RandomUint32, RgbaImage } from "./types.js";

export interface FuzzOptions {
  /** Neighbourhood radius r in pixels: sources come from the (2r+1)×(2r+1) square. Default 8. */
  radius?: number;
  /** Seed for the random source; the same seed gives the same output. Default 1. */
  seed?: number;
}

/** Largest radius accepted: offsets come from 16 random bits per axis, uneven by at most (2r+1)/65536 (3% here). */
export const MAX_FUZZ_RADIUS = 1024;

/**
 * Returns a new image where each masked pixel takes the RGBA value of a pixel drawn uniformly at
 * random from the (2r+1)×(2r+1) square centred on it, coordinates clamped to the image border.
 * Sources are always read from the original image. Unmasked pixels are unchanged; radius 0 is a copy.
 */
export function fuzz(image: RgbaImage, mask: Mask, options: FuzzOptions = {}): RgbaImage {
  const out: RgbaImage = { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
  fuzzInto(image, mask, out, options);
  return out;
}

/**
 * Like {@link fuzz}, but writes into `out` (same size as `image`, a different buffer), and only
 * writes masked pixels: the caller decides what the other pixels of `out` hold.
 */
export function fuzzInto(image: RgbaImage, mask: Mask, out: RgbaImage, options: FuzzOptions = {}): void {
  const { radius = 8, seed = 1 } = options;
  checkImageAndMask(image, mask);
  checkImage(out, "out");
  checkSameSize(image, out, "image", "out");
  if (!Number.isInteger(radius) || radius < 0 || radius > MAX_FUZZ_RADIUS) {
    throw new RangeError(`radius must be an integer in [0, ${MAX_FUZZ_RADIUS}], got ${radius}`);
  }
  if (sharesBytes(image.data, out.data)) {
    throw new RangeError("out must not share memory with image: sources are read from the original");
  }
  const random = randomSource(seed);
  const src = words(image.data);
  const dst = words(out.data);
  fuzzWords(src, mask.data, dst, image.width, image.height, radius, random);
  if (dst.buffer !== out.data.buffer) out.data.set(new Uint8ClampedArray(dst.buffer));
}

// The kernel. Each masked pixel i draws one 32-bit number, a keyed hash of i (lowbias32 by
// C. Wellons, with the seed mixed in twice). Counter-based randomness has no serial dependency
// between pixels, so the CPU overlaps the work of consecutive pixels; a stateful generator's
// update chain alone cost more than the rest of the loop. It also makes the result independent of
// the traversal order. The hash's high 16 bits pick the row offset and its low 16 bits the column
// offset, each mapped to [0, n) by multiply-shift (no division; bias ≤ n/65536). Rows and columns
// farther than r from the border index directly; the rest go through clamped lookup tables.
function fuzzWords(
  src: Uint32Array,
  mask: Uint8Array,
  dst: Uint32Array,
  width: number,
  height: number,
  radius: number,
  random: RandomUint32,
): void {
  if (radius === 0) {
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) dst[i] = src[i]!;
    return;
  }
  const k1 = random() | 0,
    k2 = random() | 0;
  const n = 2 * radius + 1;
  // Interior: source = i + rowOff[dy] + dx.
  const rowOff = new Int32Array(n);
  for (let k = 0; k < n; k++) rowOff[k] = (k - radius) * width - radius;
  // Border: source = rowOf[y + dy] + colOf[x + dx], i.e. clamp(y + dy − r)·width + clamp(x + dx − r).
  const colOf = new Int32Array(width + n);
  for (let j = 0; j < colOf.length; j++) colOf[j] = Math.min(width - 1, Math.max(0, j - radius));
  const rowOf = new Int32Array(height + n);
  for (let j = 0; j < rowOf.length; j++) rowOf[j] = Math.min(height - 1, Math.max(0, j - radius)) * width;
  const xa = Math.min(radius, width),
    xb = Math.max(xa, width - radius); // interior columns [xa, xb)
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const inner = y >= radius && y < height - radius;
    const fastStart = inner ? row + xa : row + width,
      fastEnd = inner ? row + xb : row + width;
    // Left border (or the whole row when it is a border row).
    for (let i = row, end = inner ? fastStart : row + width; i < end; i++) {
      if (mask[i] === 0) continue;
      let t = (i + k1) | 0;
      t ^= t >>> 16;
      t = Math.imul(t, 0x7feb352d);
      t ^= t >>> 15;
      t = Math.imul(t ^ k2, 0x846ca68b);
      t ^= t >>> 16;
      dst[i] = src[rowOf[y + (((t >>> 16) * n) >>> 16)]! + colOf[i - row + (((t & 0xffff) * n) >>> 16)]!]!;
    }
    for (let i = fastStart; i < fastEnd; i++) {
      if (mask[i] === 0) continue;
      let t = (i + k1) | 0;
      t ^= t >>> 16;
      t = Math.imul(t, 0x7feb352d);
      t ^= t >>> 15;
      t = Math.imul(t ^ k2, 0x846ca68b);
      t ^= t >>> 16;
      dst[i] = src[i + rowOff[((t >>> 16) * n) >>> 16]! + (((t & 0xffff) * n) >>> 16)]!;
    }
    if (!inner) continue;
    // Right border.
    for (let i = fastEnd, end = row + width; i < end; i++) {
      if (mask[i] === 0) continue;
      let t = (i + k1) | 0;
      t ^= t >>> 16;
      t = Math.imul(t, 0x7feb352d);
      t ^= t >>> 15;
      t = Math.imul(t ^ k2, 0x846ca68b);
      t ^= t >>> 16;
      dst[i] = src[rowOf[y + (((t >>> 16) * n) >>> 16)]! + colOf[i - row + (((t & 0xffff) * n) >>> 16)]!]!;
    }
  }
}

// A uint32 view of RGBA bytes: the view itself when aligned, else an aligned copy.
function words(data: Uint8ClampedArray): Uint32Array {
  if (data.byteOffset % 4 === 0) return new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
  return new Uint32Array(new Uint8ClampedArray(data).buffer);
}

function sharesBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
