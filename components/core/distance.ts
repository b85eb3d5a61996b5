// Exact Euclidean distance and nearest-pixel transforms of a binary mask, linear in the pixel count
// (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", 2012): a 1-D distance
// along columns, then the lower envelope of parabolas along rows. Both passes walk memory row by
// row: a column-by-column walk strides a page per pixel and was several times slower.
import { checkMask } from "./mask.js";
import type { Mask } from "./types.js";

/**
 * Squared Euclidean distance from every pixel to the nearest set pixel of `mask`; Infinity
 * everywhere when the mask is empty.
 */
export function squaredDistanceTransform(mask: Mask): Float64Array {
  checkMask(mask);
  const out = new Float64Array(mask.width * mask.height).fill(Infinity);
  rowEnvelopes(columnPass(mask, Infinity, false), mask.width, mask.height, { distances: out });
  return out;
}

/**
 * For every pixel, the index (y·width + x) of a nearest set pixel of `mask` (Euclidean; ties
 * broken consistently), or -1 everywhere when the mask is empty. Set pixels map to themselves.
 * With `invert`, the zero pixels count as set instead.
 */
export function nearestSetPixel(mask: Mask, invert = false): Int32Array {
  checkMask(mask);
  const out = new Int32Array(mask.width * mask.height).fill(-1);
  rowEnvelopes(columnPass(mask, Infinity, invert), mask.width, mask.height, { nearest: out });
  return out;
}

/** The pixels within Euclidean distance `radius` of a set pixel of `mask`, as a new 0/1 mask. */
export function withinDistance(mask: Mask, radius: number): Uint8Array {
  checkMask(mask);
  const out = new Uint8Array(mask.width * mask.height);
  rowEnvelopes(columnPass(mask, radius, false), mask.width, mask.height, { within: out, limit: radius * radius });
  return out;
}

/** Vertical offsets: 16-bit when they fit (halves the memory, which dominates on large photos). */
type Offsets = Int16Array | Int32Array;
const FAR16 = -0x8000;
const FAR32 = -0x80000000;

// Signed row offset from each pixel to the nearest set pixel in its column (the one above on a
// tie), by a downward and an upward sweep that both walk row by row. Offsets beyond `cap`, and
// columns with no set pixel, get the FAR sentinel: they cannot bring a pixel within the cap, and
// skipping them keeps the envelopes small.
function columnPass(mask: Mask, cap: number, invert: boolean): Offsets {
  const { width, height, data } = mask;
  const small = height < 0x7fff;
  const out: Offsets = small ? new Int16Array(width * height) : new Int32Array(width * height);
  const far = small ? FAR16 : FAR32;
  const unset = invert ? 1 : 0; // a pixel is set when (data[i] !== 0) differs from this
  const big = height + 1; // "no set pixel seen yet"
  const run = new Int32Array(width).fill(big);
  // Downward: distance to the nearest set pixel above (or at) each pixel, kept in `out` for now.
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const d = (data[i] !== 0 ? 1 : 0) !== unset ? 0 : run[x]! + 1;
      run[x] = d;
      out[i] = d >= big ? far : -d;
    }
  }
  run.fill(big);
  for (let y = height - 1; y >= 0; y--) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const d = (data[i] !== 0 ? 1 : 0) !== unset ? 0 : run[x]! + 1;
      run[x] = d;
      const up = out[i]!; // −distance above, or far
      const best = up !== far && -up <= d ? up : d >= big ? far : d;
      out[i] = best !== far && Math.abs(best) > cap ? far : best;
    }
  }
  return out;
}

interface EnvelopeOutput {
  /** Squared distance per pixel (left untouched where nothing is within the cap). */
  distances?: Float64Array;
  /** Index of the nearest set pixel per pixel. */
  nearest?: Int32Array;
  /** Set to 1 where the squared distance ≤ limit. */
  within?: Uint8Array;
  limit?: number;
}

// Along each row, the lower envelope of the parabolas (x − q)² + f(q), f(q) = the squared column
// offset at q, over the columns q that are not FAR gives min_q ((x − q)² + f(q)): the squared 2-D
// distance, and the column q achieving it.
function rowEnvelopes(offsets: Offsets, width: number, height: number, output: EnvelopeOutput): void {
  const { distances = null, nearest = null, within = null, limit = Infinity } = output;
  const far = offsets instanceof Int16Array ? FAR16 : FAR32;
  const v = new Int32Array(width); // columns of the parabolas in the envelope
  const fv = new Float64Array(width); // their f values
  const z = new Float64Array(width + 1); // parabola k is lowest on [z[k], z[k+1]]
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let k = -1;
    for (let q = 0; q < width; q++) {
      const o = offsets[row + q]!;
      if (o === far) continue;
      const fq = o * o;
      let s = -Infinity;
      while (k >= 0) {
        const p = v[k]!;
        // Where the parabola from q overtakes the one from p.
        s = (fq + q * q - (fv[k]! + p * p)) / (2 * (q - p));
        if (s > z[k]!) break;
        k--;
      }
      k++;
      v[k] = q;
      fv[k] = fq;
      z[k] = k === 0 ? -Infinity : s;
      z[k + 1] = Infinity;
    }
    if (k < 0) continue;
    for (let x = 0, j = 0; x < width; x++) {
      while (z[j + 1]! < x) j++;
      const q = v[j]!;
      const dx = x - q;
      const d2 = dx * dx + fv[j]!;
      if (distances !== null) distances[row + x] = d2;
      if (within !== null && d2 <= limit) within[row + x] = 1;
      if (nearest !== null) nearest[row + x] = (y + offsets[row + q]!) * width + q;
    }
  }
}
