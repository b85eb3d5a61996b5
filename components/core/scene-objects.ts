// What the scene keeps: the other objects a detector found in the original (cars, bicycles, bags, …),
// whether it finds them again after the people were hidden, and the objects hiding painted in. Found
// again uses hysteresis: an object needs OBJECT_SCORE to count in the original but only KEPT_SCORE to
// count as still there, since scores near one threshold wobble even where nothing changed.
import { boxIoU } from "./geometry.js";
import { checkMask } from "./mask.js";
import type { Box, Detection, Mask } from "./types.js";

/** An object counts in the original (and as painted in, after) at this score. */
export const OBJECT_SCORE = 0.5;
/** …and as found again at this score, same class, box IoU ≥ OBJECT_IOU. */
export const KEPT_SCORE = 0.3;
export const OBJECT_IOU = 0.5;
/** An object is "on a person" when at least this share of its box is person pixels. */
export const ON_PERSON_SHARE = 0.1;

/** Share of a box's pixels (clamped to the mask, whole pixels it touches) that are set in `mask`. */
export function boxShareOn(mask: Mask, box: Box): number {
  checkMask(mask);
  const x0 = Math.max(0, Math.floor(box.x)),
    y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(mask.width, Math.ceil(box.x + box.width)),
    y1 = Math.min(mask.height, Math.ceil(box.y + box.height));
  if (x1 <= x0 || y1 <= y0) return 0;
  let set = 0;
  for (let y = y0; y < y1; y++) for (let x = x0, i = y * mask.width + x0; x < x1; x++, i++) if (mask.data[i]) set++;
  return set / ((x1 - x0) * (y1 - y0));
}

export interface SceneObject {
  readonly object: Detection;
  /** Found again after hiding (same label, score ≥ KEPT_SCORE, IoU ≥ OBJECT_IOU). */
  readonly kept: boolean;
  /** Share of its box on person pixels (ON_PERSON_SHARE and above: on a person). */
  readonly onPerson: number;
}

export interface SceneCheck {
  /** The other objects of the original (not `personLabel`, score ≥ OBJECT_SCORE), highest score first. */
  readonly objects: SceneObject[];
  /** Objects after hiding (score ≥ OBJECT_SCORE, not `personLabel`) with no same-label match in the original at KEPT_SCORE. */
  readonly painted: Detection[];
}

/**
 * Compares a detector's findings before and after hiding. `personPixels` marks the people (the labelled
 * people in the evaluation; the mask on the site, which has no labels). People themselves are left out:
 * the observers judge them.
 */
export function checkScene(
  before: readonly Detection[],
  after: readonly Detection[],
  personPixels: Mask,
  personLabel = "person",
): SceneCheck {
  const others = (list: readonly Detection[], score: number) =>
    list.filter((d) => d.label !== personLabel && d.score >= score);
  const matches = (a: Detection, candidates: readonly Detection[]) =>
    candidates.some((b) => b.label === a.label && boxIoU(a.box, b.box) >= OBJECT_IOU);
  const afterKept = others(after, KEPT_SCORE);
  const beforeKept = others(before, KEPT_SCORE);
  return {
    objects: others(before, OBJECT_SCORE)
      .sort((a, b) => b.score - a.score)
      .map((object) => ({
        object,
        kept: matches(object, afterKept),
        onPerson: boxShareOn(personPixels, object.box),
      })),
    painted: others(after, OBJECT_SCORE).filter((d) => !matches(d, beforeKept)),
  };
}
