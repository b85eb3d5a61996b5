// Does the detector still see the people after they were hidden? Re-runs the detector on an obfuscated
// image and matches what it finds against the people it found in the original: a person counts as still
// found when a "person" detection scores at least 0.5 and its box overlaps theirs with IoU ≥ 0.5 (the same
// rule as `npm run eval`). Also the radius sweep the privacy page draws: detector scores and BodyPix's
// person probability inside the mask, as the obfuscation strength grows.
import { boxIoU, scaleBox } from "../core/geometry.js";
import { resizeMaskNearest } from "../core/mask.js";
import { type ObfuscationMethod, obfuscate } from "../core/obfuscate.js";
import type { Box, Detection, Mask, ProbabilityMap, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import { type PreparedImage, prepareImage } from "./stages.js";

/** A detection counts as a person found at or above this score, before and after. */
export const FOUND_SCORE = 0.5;
/** …and, after obfuscation, only where its box overlaps the person's original box at least this much. */
export const MATCH_IOU = 0.5;

export interface PersonCheck {
  /** The person's box in the original photo (full-resolution pixels). */
  readonly box: Box;
  readonly scoreBefore: number;
  /** Best "person" score after obfuscation among detections with box IoU ≥ MATCH_IOU; 0 if none (the detector reports scores ≥ 0.1). */
  readonly scoreAfter: number;
  /** IoU of that best detection's box with the original box (0 if none). */
  readonly iou: number;
  /** scoreAfter ≥ FOUND_SCORE. */
  readonly stillFound: boolean;
}

export interface PrivacyCheck {
  /** One entry per person found before, highest score before first. */
  readonly people: PersonCheck[];
  readonly foundBefore: number;
  readonly stillFound: number;
  /** Everything the detector found in the obfuscated image (full-resolution pixels). */
  readonly detectionsAfter: Detection[];
}

/** The people the detector found in the original: "person" with score ≥ FOUND_SCORE, highest first. */
export function peopleFound(detections: readonly Detection[]): Detection[] {
  return detections.filter((d) => d.label === "person" && d.score >= FOUND_SCORE).sort((a, b) => b.score - a.score);
}

/** Pure part of the check: matches the detections after against the people found before. */
export function matchPeople(before: readonly Detection[], after: readonly Detection[]): PrivacyCheck {
  const persons = after.filter((d) => d.label === "person");
  const people = peopleFound(before).map((person): PersonCheck => {
    let scoreAfter = 0,
      iou = 0;
    for (const d of persons) {
      const overlap = boxIoU(person.box, d.box);
      if (overlap >= MATCH_IOU && d.score > scoreAfter) {
        scoreAfter = d.score;
        iou = overlap;
      }
    }
    return { box: person.box, scoreBefore: person.score, scoreAfter, iou, stillFound: scoreAfter >= FOUND_SCORE };
  });
  return {
    people,
    foundBefore: people.length,
    stillFound: people.filter((p) => p.stillFound).length,
    detectionsAfter: [...after],
  };
}

/**
 * Re-runs the detector on `obfuscated` and reports, for each person found in the original (`detections`,
 * full-resolution boxes as from detectObjects), whether they are still found. `obfuscated` is either the
 * full-size result or one the size of `prepared.inference` (then boxes are scaled up to compare).
 */
export async function checkPrivacy(
  models: { readonly detector: PersonDetector },
  prepared: PreparedImage,
  detections: readonly Detection[],
  obfuscated: RgbaImage,
): Promise<PrivacyCheck> {
  const { full, inference } = prepared;
  let after: Detection[];
  if (obfuscated.width === full.width && obfuscated.height === full.height) {
    const again = prepareImage(obfuscated, Math.max(inference.width, inference.height));
    after = (await models.detector.detect(again.inference)).map((d) => toFull(d, again.scale));
  } else if (obfuscated.width === inference.width && obfuscated.height === inference.height) {
    after = (await models.detector.detect(obfuscated)).map((d) => toFull(d, prepared.scale));
  } else {
    throw new RangeError(
      `the obfuscated image is ${obfuscated.width}×${obfuscated.height}; expected the photo's ${full.width}×${full.height} or its inference size ${inference.width}×${inference.height}`,
    );
  }
  return matchPeople(detections, after);
}

function toFull(d: Detection, scale: number): Detection {
  return scale === 1 ? d : { ...d, box: scaleBox(d.box, 1 / scale, 1 / scale) };
}

/** Mean of the probabilities inside the mask, and the share of masked pixels at or above `threshold`. */
export function probabilityInside(map: ProbabilityMap, mask: Mask, threshold: number): { mean: number; above: number } {
  if (map.width !== mask.width || map.height !== mask.height) {
    throw new RangeError(`map is ${map.width}×${map.height} but mask is ${mask.width}×${mask.height}`);
  }
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
 * Mean colour change inside the mask: the average absolute difference of the R, G and B bytes over the
 * masked pixels, divided by 255 (0 = untouched, 1 = every channel flipped from 0 to 255).
 */
export function colourChangeInside(original: RgbaImage, changed: RgbaImage, mask: Mask): number {
  let n = 0,
    sum = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const o = i * 4;
    n++;
    sum +=
      Math.abs(original.data[o]! - changed.data[o]!) +
      Math.abs(original.data[o + 1]! - changed.data[o + 1]!) +
      Math.abs(original.data[o + 2]! - changed.data[o + 2]!);
  }
  return n ? sum / (3 * 255 * n) : 0;
}

export const SWEEP_RADII = [0, 2, 4, 8, 16, 32, 64] as const;

export interface SweepPoint {
  readonly radius: number;
  /** Per person found before (same order as peopleFound), the best matching "person" score after. */
  readonly scores: number[];
  readonly stillFound: number;
  /** BodyPix on the whole obfuscated image: mean person probability inside the mask… */
  readonly meanProbability: number;
  /** …and the share of masked pixels it still marks as person at `threshold`. */
  readonly markedShare: number;
}

export interface SweepOptions {
  readonly method: ObfuscationMethod;
  readonly radii?: readonly number[];
  readonly seed?: number;
  /** BodyPix's scale for the whole image (1 = its "full" internal resolution). */
  readonly segmenterScale?: number;
  /** Segmentation threshold for `markedShare`. */
  readonly threshold?: number;
  readonly onProgress?: (done: number, total: number, point: SweepPoint) => void;
}

/**
 * Obfuscates the inference-size image at each radius and asks both models again. Runs on
 * `prepared.inference` (the full-size mask is scaled down with nearest neighbour), so it takes seconds.
 */
export async function sweepRadius(
  models: { readonly detector: PersonDetector; readonly segmenter: PersonSegmenter },
  prepared: PreparedImage,
  detections: readonly Detection[],
  fullMask: Mask,
  { method, radii = SWEEP_RADII, seed = 1, segmenterScale = 1, threshold = 0.4, onProgress }: SweepOptions,
): Promise<SweepPoint[]> {
  const { inference } = prepared;
  const mask = resizeMaskNearest(fullMask, inference.width, inference.height);
  const points: SweepPoint[] = [];
  for (const radius of radii) {
    const hidden = obfuscate(inference, mask, { method, radius, seed });
    const check = await checkPrivacy(models, prepared, detections, hidden);
    const { mean, above } = probabilityInside(
      await models.segmenter.personProbabilities(hidden, segmenterScale),
      mask,
      threshold,
    );
    const point = {
      radius,
      scores: check.people.map((p) => p.scoreAfter),
      stillFound: check.stillFound,
      meanProbability: mean,
      markedShare: above,
    };
    points.push(point);
    onProgress?.(points.length, radii.length, point);
  }
  return points;
}

export interface Unfuzzed {
  /** The fuzzed image with every hidden pixel whose value survived put back, the rest guessed from neighbours. */
  readonly image: RgbaImage;
  /** Share of the masked pixels restored exactly (their original value was copied somewhere and is put back). */
  readonly restoredShare: number;
}

/**
 * Undoes random-neighbour fuzz as far as it can be undone by someone who knows (or guesses) the seed and
 * the mask. The fuzz reads every source from the original and picks it from the seed and the pixel's
 * position alone, so fuzzing an image of pixel indices with the same seed and mask tells where each
 * hidden pixel's value came from; every masked pixel that served as a source gets its own value back
 * (about 1 − 1/e ≈ 63% of them inside a large mask). The others take the mean of their restored or
 * unmasked 8-neighbours, in one pass.
 */
export function unfuzz(fuzzed: RgbaImage, mask: Mask, { radius, seed }: { radius: number; seed: number }): Unfuzzed {
  const { width, height } = fuzzed;
  const indices = new Uint8ClampedArray(width * height * 4);
  const words = new Uint32Array(indices.buffer);
  for (let i = 0; i < words.length; i++) words[i] = i;
  const sources = new Uint32Array(
    obfuscate({ width, height, data: indices }, mask, { method: "fuzz", radius, seed }).data.buffer,
  );
  const out = new Uint8ClampedArray(fuzzed.data);
  const known = new Uint8Array(width * height);
  let masked = 0,
    restored = 0;
  for (let i = 0; i < known.length; i++) {
    if (!mask.data[i]) {
      known[i] = 1;
      continue;
    }
    masked++;
    const s = sources[i]!;
    if (mask.data[s] && !known[s]) {
      out.set(fuzzed.data.subarray(i * 4, i * 4 + 4), s * 4);
      known[s] = 1;
      restored++;
    }
  }
  const filled = new Uint8ClampedArray(out);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (known[i]) continue;
      let n = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx,
            yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const j = yy * width + xx;
          if (!known[j]) continue;
          n++;
          r += out[j * 4]!;
          g += out[j * 4 + 1]!;
          b += out[j * 4 + 2]!;
        }
      }
      if (n) filled.set([r / n, g / n, b / n, 255], i * 4);
    }
  }
  return { image: { width, height, data: filled }, restoredShare: masked ? restored / masked : 0 };
}
