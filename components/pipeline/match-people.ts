// The "still found" rule, in one place: a person counts as found when the detector gives a "person" box
// a score of at least FOUND_SCORE, and as still found after hiding when such a box overlaps their
// original box with IoU ≥ MATCH_IOU. The privacy check, its views, the pages and `npm run eval` use it.
import { boxIoU } from "../core/geometry.js";
import type { Box, Detection } from "../core/types.js";

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

/** The people the detector found: "person" detections scoring at least FOUND_SCORE, highest first. */
export function detectedPeople(detections: readonly Detection[]): Detection[] {
  return detections.filter((d) => d.label === "person" && d.score >= FOUND_SCORE).sort((a, b) => b.score - a.score);
}

/** Matches the detections after hiding against the people found before. */
export function matchPeople(before: readonly Detection[], after: readonly Detection[]): PrivacyCheck {
  const persons = after.filter((d) => d.label === "person");
  const people = detectedPeople(before).map((person): PersonCheck => {
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
