// Re-identification by clothing colour: could someone who knows what a person wore pick them out after
// hiding? Each person is described by colour histograms of the upper and the lower body (the classic
// clothing descriptor of person re-identification), and a hidden person is matched against everyone in a
// gallery of originals; the rank of their own original says how recognisable they stayed.
import { checkImageAndMask } from "./image.js";
import type { Mask, RgbaImage } from "./types.js";

/** Levels per RGB channel: 8 × 8 × 8 = 512 bins per body part. Coarse bins tolerate light and JPEG noise. */
export const LEVELS = 8;
/** Body parts as bands of the person's height (0 = top of the head): the head is left out. */
export const BODY_PARTS: ReadonlyArray<{ readonly name: string; readonly from: number; readonly to: number }> = [
  { name: "upper body", from: 0.15, to: 0.5 },
  { name: "lower body", from: 0.5, to: 1 },
];
const BINS = LEVELS ** 3;

/**
 * The descriptor of the person whose pixels are set in `person`, read from `image`: one L1-normalised
 * RGB histogram per body part, concatenated (BODY_PARTS.length × 512 values). Bands are cut from the
 * bounding box of the set pixels; a part with no pixel is all zeros. Alpha is ignored.
 */
export function appearanceDescriptor(image: RgbaImage, person: Mask): Float32Array {
  checkImageAndMask(image, person);
  const { width, height } = image;
  const m = person.data;
  let top = height,
    bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      if (m[i] === 0) continue;
      if (y < top) top = y;
      bottom = y;
      break;
    }
  }
  const out = new Float32Array(BODY_PARTS.length * BINS);
  if (bottom < 0) return out;
  const span = bottom - top + 1;
  const shift = 8 - Math.log2(LEVELS);
  BODY_PARTS.forEach(({ from, to }, part) => {
    const y0 = top + Math.floor(from * span),
      y1 = top + Math.floor(to * span);
    const offset = part * BINS;
    let n = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = 0, i = y * width; x < width; x++, i++) {
        if (m[i] === 0) continue;
        const j = i * 4;
        const bin =
          ((image.data[j]! >> shift) * LEVELS + (image.data[j + 1]! >> shift)) * LEVELS + (image.data[j + 2]! >> shift);
        out[offset + bin]!++;
        n++;
      }
    }
    if (n) for (let b = offset; b < offset + BINS; b++) out[b]! /= n;
  });
  return out;
}

/**
 * Dissimilarity of two descriptors: the sum over body parts of 1 − the Bhattacharyya coefficient
 * Σ√(p·q) of the parts' histograms (0 for equal parts, 1 for disjoint ones; a missing part counts 1).
 */
export function descriptorDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`descriptors differ in length: ${a.length} and ${b.length}`);
  const parts = a.length / BINS;
  let total = 0;
  for (let p = 0; p < parts; p++) {
    let coefficient = 0;
    for (let k = p * BINS; k < (p + 1) * BINS; k++) coefficient += Math.sqrt(a[k]! * b[k]!);
    total += 1 - Math.min(1, coefficient);
  }
  return total;
}

/** Where the true match of one query falls among the gallery. */
export interface MatchRank {
  /** Gallery entries strictly closer to the query than its true match. */
  readonly closer: number;
  /** Other gallery entries exactly as close as the true match. */
  readonly tied: number;
}

/**
 * For each query i, ranks the gallery by distance and places gallery entry truth[i] (its own original).
 */
export function matchRanks(
  queries: readonly Float32Array[],
  gallery: readonly Float32Array[],
  truth: readonly number[],
): MatchRank[] {
  if (queries.length !== truth.length) {
    throw new RangeError(`${queries.length} queries but ${truth.length} true matches`);
  }
  return queries.map((query, i) => {
    const t = truth[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= gallery.length) {
      throw new RangeError(`true match ${t} of query ${i} is not in the gallery of ${gallery.length}`);
    }
    const own = descriptorDistance(query, gallery[t]!);
    let closer = 0,
      tied = 0;
    gallery.forEach((g, j) => {
      if (j === t) return;
      const d = descriptorDistance(query, g);
      if (d < own) closer++;
      else if (d === own) tied++;
    });
    return { closer, tied };
  });
}

/**
 * Rank-k accuracy: the share of queries whose own original is among the k nearest, with ties broken at
 * random (its expected value, so a method that makes everyone look alike scores chance, not 0 or 1).
 */
export function rankAccuracy(ranks: readonly MatchRank[], k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer ≥ 1, got ${k}`);
  if (ranks.length === 0) return 0;
  let sum = 0;
  for (const { closer, tied } of ranks) sum += closer >= k ? 0 : Math.min(1, (k - closer) / (tied + 1));
  return sum / ranks.length;
}
