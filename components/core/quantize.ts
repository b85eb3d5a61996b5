// Probabilities in one byte each, for data shipped with the site (build-time stages of the samples). The
// codes are bins of width 1/200 starting at 0, so every multiple of 0.005 (the site's thresholds step by
// 0.05) is a bin edge: a pixel's decoded value is on the same side of any such threshold as its original
// value, and a mask thresholded there is unchanged. Decoded values are bin centres (0 stays 0, 1 stays 1).
import type { ProbabilityMap } from "./types.js";

/** Bins per unit of probability. */
export const PROBABILITY_LEVELS = 200;

/** One byte per pixel: floor(p × 200), p clamped to [0, 1]; NaN as 0. */
export function quantizeProbabilities(p: ProbabilityMap): Uint8Array {
  const out = new Uint8Array(p.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = p.data[i]!;
    out[i] = v >= 1 ? PROBABILITY_LEVELS : v > 0 ? Math.floor(v * PROBABILITY_LEVELS) : 0;
  }
  return out;
}

/** The map back from its codes: each bin's centre, 0 for code 0 and 1 for code 200. */
export function dequantizeProbabilities(codes: Uint8Array, width: number, height: number): ProbabilityMap {
  if (codes.length !== width * height)
    throw new RangeError(`${codes.length} codes for a ${width}×${height} probability map`);
  const data = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    if (k > PROBABILITY_LEVELS) throw new RangeError(`code ${k} at ${i} is above ${PROBABILITY_LEVELS}`);
    data[i] = k === 0 ? 0 : k === PROBABILITY_LEVELS ? 1 : (k + 0.5) / PROBABILITY_LEVELS;
  }
  return { width, height, data };
}
