// Exact Euclidean distance and nearest-pixel transforms of a binary mask, linear in the pixel count
// (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions", 2012): a 1-D pass
// along rows, then the lower envelope of parabolas along columns.
import {checkMask} from "./mask.js";
import type {Mask} from "./types.js";

/**
 * Squared Euclidean distance from every pixel to the nearest set pixel of `mask`; Infinity
 * everywhere when the mask is empty.
 */
export function squaredDistanceTransform(mask: Mask): Float64Array {
  checkMask(mask);
  const {width, height} = mask;
  const out = new Float64Array(width * height).fill(Infinity);
  const rows = rowPass(mask, Infinity, null);
  columnPass(rows, width, height, (x, y, d2) => {
    out[y * width + x] = d2;
  });
  return out;
}

/**
 * For every pixel, the index (y·width + x) of a nearest set pixel of `mask` (Euclidean; ties
 * broken consistently), or -1 everywhere when the mask is empty. Set pixels map to themselves.
 */
export function nearestSetPixel(mask: Mask): Int32Array {
  checkMask(mask);
  const {width, height} = mask;
  const out = new Int32Array(width * height).fill(-1);
  const cols = new Int32Array(width * height);
  const rows = rowPass(mask, Infinity, cols);
  columnPass(rows, width, height, (x, y, _d2, row) => {
    out[y * width + x] = row * width + cols[row * width + x]!;
  });
  return out;
}

/**
 * Squared distances within `cap` (others are not reported): calls `report(x, y, d²)` for every
 * pixel with d ≤ cap, and possibly some farther ones. Used by growMask.
 */
export function squaredDistancesWithin(mask: Mask, cap: number, report: (x: number, y: number, d2: number) => void): void {
  const rows = rowPass(mask, cap, null);
  columnPass(rows, mask.width, mask.height, report);
}

/** Marks a row distance that is beyond the cap, or has no set pixel in its row at all. */
const FAR = -1;

// Squared distance to the nearest set pixel in the same row, by two sweeps; optionally the column
// of that pixel. Distances beyond `cap` become FAR: they cannot bring a pixel within the cap, and
// skipping them in the column pass keeps the envelope small.
function rowPass(mask: Mask, cap: number, nearestCol: Int32Array | null): Int32Array {
  const {width, height, data} = mask;
  const out = new Int32Array(width * height);
  const big = width + height + 1; // "no set pixel seen yet"
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let d = big;
    for (let x = 0; x < width; x++) {
      d = data[row + x] !== 0 ? 0 : d + 1;
      out[row + x] = d;
    }
    d = big;
    for (let x = width - 1; x >= 0; x--) {
      d = data[row + x] !== 0 ? 0 : d + 1;
      const left = out[row + x]!;
      const best = Math.min(d, left);
      if (nearestCol !== null) nearestCol[row + x] = left <= d ? x - left : x + d;
      out[row + x] = best >= big || best > cap ? FAR : best * best;
    }
  }
  return out;
}

// Along each column, the lower envelope of the parabolas (y − q)² + f(q) over the rows q with
// finite f gives min_q ((y − q)² + f(q)), the squared 2-D distance; `report` also gets the row q
// achieving it. Columns with no finite f are not reported.
function columnPass(
  f: Int32Array,
  width: number,
  height: number,
  report: (x: number, y: number, d2: number, row: number) => void,
): void {
  const v = new Int32Array(height); // rows of the parabolas in the envelope
  const fv = new Float64Array(height); // their f values
  const z = new Float64Array(height + 1); // z[k]..z[k+1]: where parabola k is lowest
  for (let x = 0; x < width; x++) {
    let k = -1;
    for (let q = 0; q < height; q++) {
      const fq = f[q * width + x]!;
      if (fq === FAR) continue;
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
    for (let y = 0, j = 0; y < height; y++) {
      while (z[j + 1]! < y) j++;
      const q = v[j]!;
      const dy = y - q;
      report(x, y, dy * dy + fv[j]!, q);
    }
  }
}
