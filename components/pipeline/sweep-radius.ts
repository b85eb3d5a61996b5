// The radius sweep the privacy page draws: the people's detector scores and BodyPix's person probability
// inside the mask, as the obfuscation strength grows.
import { probabilityInside, resizeMaskNearest } from "../core/mask.js";
import { type ObfuscationMethod, obfuscate } from "../core/obfuscate.js";
import type { Detection, Mask } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import { checkPrivacy } from "./check-privacy.js";
import { detectedPeople } from "./match-people.js";
import type { PreparedImage } from "./stages.js";

export const SWEEP_RADII = [0, 2, 4, 8, 16, 32, 64] as const;

export interface SweepPoint {
  readonly radius: number;
  /** Per person found before (same order as detectedPeople), the best matching "person" score after. */
  readonly scores: number[];
  readonly stillFound: number;
  /** BodyPix on the whole obfuscated image: mean person probability inside the mask… */
  readonly meanProbability: number;
  /** …and the share of masked pixels it still marks as person at `threshold`. */
  readonly markedShare: number;
}

/** A sweep as far as it has got: the points of the radii done so far, in order. */
export interface Sweep {
  readonly method: ObfuscationMethod;
  readonly radii: readonly number[];
  /** People found before hiding (one line each in the chart). */
  readonly people: number;
  readonly points: readonly SweepPoint[];
}

export interface SweepOptions {
  readonly method: ObfuscationMethod;
  readonly radii?: readonly number[];
  readonly seed?: number;
  /** BodyPix's scale for the whole image (1 = its "full" internal resolution). */
  readonly segmenterScale?: number;
  /** Segmentation threshold for `markedShare`. */
  readonly threshold?: number;
}

/**
 * Obfuscates the inference-size image at each radius and asks both models again, yielding the sweep first
 * with no points and then after each radius, so a chart can fill in as it goes. Runs on `prepared.inference`
 * (the full-size mask is scaled down with nearest neighbour), so each radius takes a second or so.
 */
export async function* sweepRadiusSteps(
  models: { readonly detector: PersonDetector; readonly segmenter: PersonSegmenter },
  prepared: PreparedImage,
  detections: readonly Detection[],
  fullMask: Mask,
  { method, radii = SWEEP_RADII, seed = 1, segmenterScale = 1, threshold = 0.4 }: SweepOptions,
): AsyncGenerator<Sweep> {
  const { inference } = prepared;
  const mask = resizeMaskNearest(fullMask, inference.width, inference.height);
  const people = detectedPeople(detections).length;
  const points: SweepPoint[] = [];
  yield { method, radii, people, points: [] };
  for (const radius of radii) {
    const hidden = obfuscate(inference, mask, { method, radius, seed });
    const check = await checkPrivacy(models, prepared, detections, hidden);
    const { mean, above } = probabilityInside(
      await models.segmenter.personProbabilities(hidden, segmenterScale),
      mask,
      threshold,
    );
    points.push({
      radius,
      scores: check.people.map((p) => p.scoreAfter),
      stillFound: check.stillFound,
      meanProbability: mean,
      markedShare: above,
    });
    yield { method, radii, people, points: [...points] };
  }
}
