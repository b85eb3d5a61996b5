// Is anyone still visible on a hidden frame? The detector runs on the original frame and on the hidden one,
// and each person found before is looked for after (check-privacy.ts and match-people.ts: score ≥ FOUND_SCORE, box IoU ≥
// MATCH_IOU); inside each of their boxes, the share of pixels replaced is measured too. Per frame, so the
// command line, the benchmarks and the browser's export check frames the same way; ClipPrivacy sums a clip.
import { changedShare } from "../core/changed-share.js";
import type { Box, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import { checkPrivacy } from "./check-privacy.js";
import { detectObjects, prepareImage } from "./stages.js";

/**
 * A pixel counts as replaced when its largest R, G or B difference from the original exceeds this: above what
 * re-encoding the sample clip with the writer's H.264 settings changes (at most 2% of a person box's pixels
 * exceed it there; measured by test/integration/video-cli.test.ts on an unhidden copy).
 */
export const REPLACED_TOLERANCE = 40;

export interface BoxCheck {
  /** A person found on the original frame (score ≥ FOUND_SCORE), full-resolution pixels. */
  readonly box: Box;
  readonly scoreBefore: number;
  /** Best matching "person" score on the hidden frame (0 if none). */
  readonly scoreAfter: number;
  readonly stillFound: boolean;
  /** Share of the box's pixels that differ from the original by more than REPLACED_TOLERANCE. */
  readonly replaced: number;
}

export interface FramePrivacy {
  readonly index: number;
  readonly people: BoxCheck[];
}

export interface ClipPrivacy {
  readonly frames: number;
  /** Frames in which the detector finds at least one person on the original. */
  readonly framesWithPeople: number;
  /** Frames in which at least one of them is still found after hiding. */
  readonly framesStillFound: number;
  /** People found on original frames, summed over frames; and how many of those are still found. */
  readonly personFrames: number;
  readonly personFramesStillFound: number;
  readonly perFrame: FramePrivacy[];
}

/** The check of one frame: people found on `original`, each looked for again on `hidden`. */
export async function checkFrame(
  detector: PersonDetector,
  original: RgbaImage,
  hidden: RgbaImage,
): Promise<BoxCheck[]> {
  const prepared = prepareImage(original);
  const { detections } = await detectObjects(detector, prepared);
  const check = await checkPrivacy({ detector }, prepared, detections, hidden);
  return check.people.map((p) => ({
    box: p.box,
    scoreBefore: p.scoreBefore,
    scoreAfter: p.scoreAfter,
    stillFound: p.stillFound,
    replaced: changedShare(original, hidden, p.box, REPLACED_TOLERANCE),
  }));
}

export function summarise(perFrame: FramePrivacy[]): ClipPrivacy {
  return {
    frames: perFrame.length,
    framesWithPeople: perFrame.filter((f) => f.people.length > 0).length,
    framesStillFound: perFrame.filter((f) => f.people.some((p) => p.stillFound)).length,
    personFrames: perFrame.reduce((n, f) => n + f.people.length, 0),
    personFramesStillFound: perFrame.reduce((n, f) => n + f.people.filter((p) => p.stillFound).length, 0),
    perFrame,
  };
}
