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

export function fuzz(image: RgbaImage, mask: Mask, options: FuzzOptions = {}): RgbaImage {
  const { radius, random } = fuzzParameters(image, mask, options);
  const out: RgbaImage = { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data.length) };
  // One pass writes every pixel of the fresh buffer: unmasked runs are copied, masked ones fuzzed.
  fuzzWords(words(image.data), mask.data, words(out.data), image.width, image.height, radius, random, true);
  return out;
}

/**
 * Like {@link fuzz}, but writes into `out` (same size as `image`, a different buffer), and only
 * writes masked pixels: the caller decides what the other pixels of `out` hold.
 */
export function fuzzInto(image: RgbaImage, mask: Mask, out: RgbaImage, options: FuzzOptions = {}): void {
  const { radius, random } = fuzzParameters(image, mask, options);
  checkImage(out, "out");
  checkSameSize(image, out, "image", "out");
  if (sharesBytes(image.data, out.data)) {
    throw new RangeError("out must not share memory with image: sources are read from the original");
  }
  const dst = words(out.data);
  fuzzWords(words(image.data), mask.data, dst, image.width, image.height, radius, random, false);
  if (dst.buffer !== out.data.buffer) out.data.set(new Uint8ClampedArray(dst.buffer));
}

/** Checks the inputs; returns the radius and the seeded random source. */
function fuzzParameters(image: RgbaImage, mask: Mask, { radius = 8, seed = 1 }: FuzzOptions) {
  checkImageAndMask(image, mask);
  if (!Number.isInteger(radius) || radius < 0 || radius > MAX_FUZZ_RADIUS) {
    throw new RangeError(`radius must be an integer in [0, ${MAX_FUZZ_RADIUS}], got ${radius}`);
  }
  return { radius, random: randomSource(seed) };
}

// The kernel. Each masked pixel i draws one 32-bit number, a keyed hash of i (lowbias32 by
// C. Wellons, with the seed mixed in twice). Counter-based randomness has no serial dependency
// between pixels, so the CPU overlaps the work of consecutive pixels; a stateful generator's
// update chain alone cost more than the rest of the loop. It also makes the result independent of
// the traversal order. The hash's high 16 bits pick the row offset and its low 16 bits the column
// offset, each mapped to [0, n) by multiply-shift (no division; bias ≤ n/65536). Rows and columns
// farther than r from the border index directly; the rest go through clamped lookup tables.
// Each row is walked as runs: a masked run is fuzzed with no per-pixel mask test, an unmasked run is
// copied as a block when `copyUnmasked` (fuzz's fresh output), else skipped. The hash is written out in
// both run loops: as a shared helper function it measured 15% slower (bench/fuzz-kernel.ts).
function fuzzWords(
  src: Int32Array,
  mask: Uint8Array,
  dst: Int32Array,
  width: number,
  height: number,
  radius: number,
  random: RandomUint32,
  copyUnmasked: boolean,
): void {
  if (radius === 0) {
    if (copyUnmasked) dst.set(src);
    else for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) dst[i] = src[i]!;
    return;
  }
  const k1 = random() | 0,
    k2 = random() | 0;
  const n = 2 * radius + 1;
  // Interior: source = i − (r·width + r) + dy·width + dx.
  const corner = radius * width + radius;
  // Border: source = rowOf[y + dy] + colOf[x + dx], i.e. clamp(y + dy − r)·width + clamp(x + dx − r).
  const colOf = new Int32Array(width + n);
  for (let j = 0; j < colOf.length; j++) colOf[j] = Math.min(width - 1, Math.max(0, j - radius));
  const rowOf = new Int32Array(height + n);
  for (let j = 0; j < rowOf.length; j++) rowOf[j] = Math.min(height - 1, Math.max(0, j - radius)) * width;
  const xa = Math.min(radius, width),
    xb = Math.max(xa, width - radius); // interior columns [xa, xb)
  // The mask read 4 bytes at a time where it is aligned, to find long runs quickly.
  const maskWords = mask.byteOffset % 4 === 0 ? new Int32Array(mask.buffer, mask.byteOffset, mask.length >>> 2) : null;
  const run: Run = { src, dst, mask, maskWords, copyUnmasked, k1, k2, n, width, corner, rowOf, colOf, y: 0, row: 0 };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    run.y = y;
    run.row = row;
    if (y >= radius && y < height - radius) {
      walk(run, row, row + xa, false);
      walk(run, row + xa, row + xb, true);
      walk(run, row + xb, row + width, false);
    } else walk(run, row, row + width, false);
  }
}

/** What the kernel reads, and the row it is on. */
interface Run {
  readonly src: Int32Array;
  readonly dst: Int32Array;
  readonly mask: Uint8Array;
  readonly maskWords: Int32Array | null;
  readonly copyUnmasked: boolean;
  readonly k1: number;
  readonly k2: number;
  readonly n: number;
  readonly width: number;
  readonly corner: number;
  readonly rowOf: Int32Array;
  readonly colOf: Int32Array;
  y: number;
  row: number;
}

/** Pixels [start, end) of the current row, as alternating unmasked and masked runs. */
function walk(run: Run, start: number, end: number, interior: boolean): void {
  const { mask, maskWords, src, dst, copyUnmasked } = run;
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && mask[j] === 0) {
      j++;
      // Whole words of 0 bytes.
      if (maskWords !== null && (j & 3) === 0) while (j + 4 <= end && maskWords[j >> 2] === 0) j += 4;
    }
    if (copyUnmasked && j > i) copyRun(src, dst, i, j);
    i = j;
    while (j < end && mask[j] !== 0) {
      j++;
      // Whole words with no 0 byte (the classic has-zero-byte test).
      if (maskWords !== null && (j & 3) === 0)
        for (let w = 0; j + 4 <= end; j += 4) {
          w = maskWords[j >> 2]!;
          if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break;
        }
    }
    if (j === i) continue;
    if (interior) fuzzInterior(src, dst, i, j, run.k1, run.k2, run.n, run.width, run.corner);
    else fuzzBorder(src, dst, i, j, run.k1, run.k2, run.n, run.rowOf, run.colOf, run.y, run.row);
    i = j;
  }
}

/** dst[i] = a random source for each i in [from, to), all of them at least r from every border. */
function fuzzInterior(
  src: Int32Array,
  dst: Int32Array,
  from: number,
  to: number,
  k1: number,
  k2: number,
  n: number,
  width: number,
  corner: number,
): void {
  for (let i = from; i < to; i++) {
    let t = (i + k1) | 0;
    t ^= t >>> 16;
    t = Math.imul(t, 0x7feb352d);
    t ^= t >>> 15;
    t = Math.imul(t ^ k2, 0x846ca68b);
    t ^= t >>> 16;
    const dy = Math.imul(t >>> 16, n) >>> 16;
    const dx = Math.imul(t & 0xffff, n) >>> 16;
    dst[i] = src[(i - corner + Math.imul(dy, width) + dx) | 0]!;
  }
}

/** The same near a border of row y (starting at index `row`), with the source clamped to the image. */
function fuzzBorder(
  src: Int32Array,
  dst: Int32Array,
  from: number,
  to: number,
  k1: number,
  k2: number,
  n: number,
  rowOf: Int32Array,
  colOf: Int32Array,
  y: number,
  row: number,
): void {
  for (let i = from; i < to; i++) {
    let t = (i + k1) | 0;
    t ^= t >>> 16;
    t = Math.imul(t, 0x7feb352d);
    t ^= t >>> 15;
    t = Math.imul(t ^ k2, 0x846ca68b);
    t ^= t >>> 16;
    dst[i] = src[rowOf[y + (Math.imul(t >>> 16, n) >>> 16)]! + colOf[i - row + (Math.imul(t & 0xffff, n) >>> 16)]!]!;
  }
}

/** dst[i] = src[i] for i in [from, to): short runs in a loop, long ones as one block copy. */
function copyRun(src: Int32Array, dst: Int32Array, from: number, to: number): void {
  if (to - from < 32) for (let i = from; i < to; i++) dst[i] = src[i]!;
  else dst.set(src.subarray(from, to), from);
}

// A 32-bit view of RGBA bytes: the view itself when aligned, else an aligned copy. Int32, not Uint32: V8
// keeps int32 words in registers, where a uint32 above 2^31 may become a float on the way.
function words(data: Uint8ClampedArray): Int32Array {
  if (data.byteOffset % 4 === 0) return new Int32Array(data.buffer, data.byteOffset, data.length >>> 2);
  return new Int32Array(new Uint8ClampedArray(data).buffer);
}

function sharesBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
