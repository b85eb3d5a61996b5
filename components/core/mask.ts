// Binary masks and probability maps: thresholding, set operations, measures and resizing.
import type { Box, Mask, ProbabilityMap } from "./types.js";

interface Sized {
  readonly width: number;
  readonly height: number;
}

/** Throws unless width and height are non-negative integers. */
export function checkSize(width: number, height: number, name = "size"): void {
  if (!Number.isInteger(width) || width < 0)
    throw new RangeError(`${name} width must be a non-negative integer, got ${width}`);
  if (!Number.isInteger(height) || height < 0)
    throw new RangeError(`${name} height must be a non-negative integer, got ${height}`);
}

/** Throws unless `a` and `b` have the same size, naming both. */
export function checkSameSize(a: Sized, b: Sized, nameA = "a", nameB = "b"): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`${nameA} is ${a.width}×${a.height} but ${nameB} is ${b.width}×${b.height}`);
  }
}

/** Throws unless `mask.data` holds exactly width × height bytes. */
export function checkMask(mask: Mask, name = "mask"): void {
  checkSize(mask.width, mask.height, name);
  if (!(mask.data instanceof Uint8Array)) throw new TypeError(`${name}.data must be a Uint8Array`);
  if (mask.data.length !== mask.width * mask.height) {
    throw new RangeError(
      `${name}.data has length ${mask.data.length}, expected ${mask.width}×${mask.height} = ${mask.width * mask.height}`,
    );
  }
}

function checkProbabilities(p: ProbabilityMap, name = "p"): void {
  checkSize(p.width, p.height, name);
  if (!(p.data instanceof Float32Array)) throw new TypeError(`${name}.data must be a Float32Array`);
  if (p.data.length !== p.width * p.height) {
    throw new RangeError(
      `${name}.data has length ${p.data.length}, expected ${p.width}×${p.height} = ${p.width * p.height}`,
    );
  }
}

/** An all-zero mask. */
export function emptyMask(width: number, height: number): Mask {
  checkSize(width, height);
  return { width, height, data: new Uint8Array(width * height) };
}

/** 1 where p ≥ threshold, else 0. NaN probabilities are never in the mask. */
export function thresholdProbabilities(p: ProbabilityMap, threshold: number): Mask {
  checkProbabilities(p);
  if (typeof threshold !== "number" || Number.isNaN(threshold))
    throw new RangeError(`threshold must be a number, got ${threshold}`);
  const src = p.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i]! >= threshold ? 1 : 0;
  return { width: p.width, height: p.height, data: out };
}

/**
 * Pixels set in any of `masks`. All must have the same size; an empty list needs width and height
 * (and gives an empty mask). Any non-zero byte counts as set; the output is 0/1.
 */
export function unionMasks(masks: readonly Mask[], width?: number, height?: number): Mask {
  const first = masks[0];
  if (first === undefined) {
    if (width === undefined || height === undefined)
      throw new TypeError("unionMasks of an empty list needs width and height");
    return emptyMask(width, height);
  }
  const size = { width: width ?? first.width, height: height ?? first.height };
  const out = new Uint8Array(size.width * size.height);
  masks.forEach((m, k) => {
    checkMask(m, `masks[${k}]`);
    checkSameSize(m, size, `masks[${k}]`, width !== undefined ? "the requested size" : "masks[0]");
    const d = m.data;
    for (let i = 0; i < d.length; i++) if (d[i] !== 0) out[i] = 1;
  });
  return { width: size.width, height: size.height, data: out };
}

/** Pixels set in both a and b. */
export function intersectMasks(a: Mask, b: Mask): Mask {
  return combineMasks(a, b, (inA, inB) => inA && inB);
}

/** Pixels set in a but not in b. */
export function subtractMasks(a: Mask, b: Mask): Mask {
  return combineMasks(a, b, (inA, inB) => inA && !inB);
}

/** The 0/1 mask of the pixels where `keep` holds, given whether each of two same-size masks has them. */
function combineMasks(a: Mask, b: Mask, keep: (inA: boolean, inB: boolean) => boolean): Mask {
  checkMask(a, "a");
  checkMask(b, "b");
  checkSameSize(a, b);
  const out = new Uint8Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = keep(a.data[i] !== 0, b.data[i] !== 0) ? 1 : 0;
  return { width: a.width, height: a.height, data: out };
}

/** Number of set pixels. */
export function maskArea(mask: Mask): number {
  checkMask(mask);
  const d = mask.data;
  let n = 0;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) n++;
  return n;
}

/** The smallest box of whole pixels holding every set pixel, or undefined when none is set. */
export function maskBounds(mask: Mask): Box | undefined {
  checkMask(mask);
  const { width, height, data } = mask;
  let x0 = width,
    y0 = height,
    x1 = 0,
    y1 = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      if (data[i] === 0) continue;
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      y1 = y + 1;
    }
  }
  return x1 === 0 ? undefined : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Mean of the probabilities inside the mask, and the share of masked pixels at or above `threshold`. */
export function probabilityInside(map: ProbabilityMap, mask: Mask, threshold: number): { mean: number; above: number } {
  checkProbabilities(map, "map");
  checkMask(mask);
  checkSameSize(map, mask, "map", "mask");
  let n = 0,
    sum = 0,
    above = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const p = map.data[i]!;
    n++;
    sum += p;
    if (p >= threshold) above++;
  }
  return n ? { mean: sum / n, above: above / n } : { mean: 0, above: 0 };
}

/**
 * Intersection over union of two same-size masks, in [0, 1]. Two empty masks agree perfectly,
 * so their IoU is defined as 1 (not NaN); one empty and one non-empty give 0.
 */
export function maskIoU(a: Mask, b: Mask): number {
  checkMask(a, "a");
  checkMask(b, "b");
  checkSameSize(a, b);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i] !== 0;
    const y = b.data[i] !== 0;
    if (x || y) union++;
    if (x && y) inter++;
  }
  return union === 0 ? 1 : inter / union;
}

/** Nearest-neighbour resize with pixel centres aligned: output (x, y) samples input at ((x+½)·w/W − ½ rounded). */
export function resizeMaskNearest(mask: Mask, width: number, height: number): Mask {
  checkMask(mask);
  checkSize(width, height, "target");
  const out = new Uint8Array(width * height);
  if (out.length === 0) return { width, height, data: out };
  if (mask.data.length === 0)
    throw new RangeError(`cannot resize an empty ${mask.width}×${mask.height} mask to ${width}×${height}`);
  const cols = nearestIndices(mask.width, width);
  const rows = nearestIndices(mask.height, height);
  for (let y = 0, i = 0; y < height; y++) {
    const row = rows[y]! * mask.width;
    for (let x = 0; x < width; x++, i++) out[i] = mask.data[row + cols[x]!]! !== 0 ? 1 : 0;
  }
  return { width, height, data: out };
}

// Source index whose pixel contains the centre of each destination pixel.
function nearestIndices(from: number, to: number): Int32Array {
  const idx = new Int32Array(to);
  const scale = from / to;
  for (let i = 0; i < to; i++) idx[i] = Math.min(from - 1, Math.floor((i + 0.5) * scale));
  return idx;
}

/**
 * Bilinear resize of a probability map with pixel centres aligned (like `align_corners = false`):
 * output pixel centre (x + ½) maps to input coordinate (x + ½)·w/W − ½, clamped to the edge pixels.
 * Used to bring inference-resolution probabilities up to full resolution before thresholding.
 */
export function resizeProbabilities(p: ProbabilityMap, width: number, height: number): ProbabilityMap {
  checkProbabilities(p);
  checkSize(width, height, "target");
  const out = new Float32Array(width * height);
  if (out.length === 0) return { width, height, data: out };
  if (p.data.length === 0)
    throw new RangeError(`cannot resize an empty ${p.width}×${p.height} map to ${width}×${height}`);
  const xs = bilinearTaps(p.width, width);
  const ys = bilinearTaps(p.height, height);
  const src = p.data;
  const w = p.width;
  for (let y = 0, i = 0; y < height; y++) {
    const r0 = ys.i0[y]! * w,
      r1 = ys.i1[y]! * w,
      fy = ys.f[y]!;
    for (let x = 0; x < width; x++, i++) {
      const c0 = xs.i0[x]!,
        c1 = xs.i1[x]!,
        fx = xs.f[x]!;
      const top = src[r0 + c0]! + (src[r0 + c1]! - src[r0 + c0]!) * fx;
      const bottom = src[r1 + c0]! + (src[r1 + c1]! - src[r1 + c0]!) * fx;
      out[i] = top + (bottom - top) * fy;
    }
  }
  return { width, height, data: out };
}

/** For each destination index: the two source indices to blend and the weight of the second. */
export function bilinearTaps(from: number, to: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
  const i0 = new Int32Array(to),
    i1 = new Int32Array(to),
    f = new Float32Array(to);
  const scale = from / to;
  for (let i = 0; i < to; i++) {
    const s = Math.min(from - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    const a = Math.floor(s);
    i0[i] = a;
    i1[i] = Math.min(from - 1, a + 1);
    f[i] = s - a;
  }
  return { i0, i1, f };
}
