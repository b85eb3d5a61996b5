// The whole privacy check of one result, as the site shows it: for each person the detector found in the
// photo, whether the detector itself (check-privacy.ts) and each independent observer (observer-check.ts)
// still find them after hiding; and what the scene keeps, from the detector's same re-run on the result (the
// other objects found again, and those hiding painted in: core/scene-objects.ts), so that costs no model run.
import { scaleBox } from "../core/geometry.js";
import { checkScene, type SceneCheck } from "../core/scene-objects.js";
import type { Box, Mask, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import { checkPrivacy } from "./check-privacy.js";
import type { PersonCheck, PrivacyCheck } from "./match-people.js";
import { compareObservations, type Observation, type ObserverCheck, type ObserverRunner } from "./observer-check.js";
import type { DetectionStage, PreparedImage } from "./stages.js";

/** Who judges: the site's detector (COCO-SSD, run again on the result) and the independent observers. */
export interface PrivacyJudges {
  readonly detector: Pick<PersonDetector, "detect">;
  readonly observers: ObserverRunner;
}

export interface FullPersonCheck extends PersonCheck {
  /** What the observers see of them before and after (faces after: only faces found again where they were). */
  readonly observers: ObserverCheck;
  /** Still found by a judge: the detector, the second detector, the pose model, or their face found again. */
  readonly foundByAny: boolean;
}

export interface FullCheck extends PrivacyCheck {
  readonly people: FullPersonCheck[];
  /** People found before whom no judge finds after. */
  readonly hidden: number;
  /** The photo's other objects (not people) found again after hiding, and the objects hiding painted in. */
  readonly scene: SceneCheck;
}

export interface CheckOptions {
  readonly signal?: AbortSignal;
  /** Hears which step runs: the detector on the result, then the observers on the photo and on the result. */
  readonly onStep?: (step: "detector" | "original" | "result") => void;
}

/** Each original's observation per runner and boxes: a new result of the same photo reuses it. */
const originals = new WeakMap<
  RgbaImage,
  WeakMap<ObserverRunner, { boxes: string; observation: Promise<Observation> }>
>();

/**
 * Checks `result` (the photo hidden with `mask`; full size, or the size of `prepared.inference`) against the
 * people found in `detection` (score ≥ FOUND_SCORE, as checkPrivacy): one detector run, and the observers on
 * the result and, once per photo and people, on the original. `mask` is the full-size mask that was hidden:
 * objects overlapping it are "on a person" for the scene.
 */
export async function checkEverything(
  judges: PrivacyJudges,
  prepared: PreparedImage,
  detection: Pick<DetectionStage, "detections">,
  result: RgbaImage,
  mask: Mask,
  { signal, onStep }: CheckOptions = {},
): Promise<FullCheck> {
  const { full } = prepared;
  if (mask.width !== full.width || mask.height !== full.height) {
    throw new RangeError(`the mask is ${mask.width}×${mask.height} but the photo is ${full.width}×${full.height}`);
  }
  onStep?.("detector");
  const check = await checkPrivacy(judges, prepared, detection.detections, result);
  signal?.throwIfAborted();
  const atFull = result.width === full.width && result.height === full.height;
  const original = atFull ? full : prepared.inference;
  const boxes: Box[] = check.people.map((p) => (atFull ? p.box : scaleBox(p.box, prepared.scale, prepared.scale)));
  onStep?.("original");
  const before = await originalObservation(judges.observers, original, boxes, signal);
  signal?.throwIfAborted();
  onStep?.("result");
  const after = await judges.observers.observe(result, boxes, { signal });
  const observed = compareObservations(before, after, boxes);
  const people = check.people.map((person, k): FullPersonCheck => {
    const observers = { ...observed[k]!, box: person.box };
    const { after: seen } = observers;
    return { ...person, observers, foundByAny: person.stillFound || seen.objects || seen.pose || seen.faces > 0 };
  });
  return {
    ...check,
    people,
    hidden: people.filter((p) => !p.foundByAny).length,
    scene: checkScene(detection.detections, check.detectionsAfter, mask),
  };
}

function originalObservation(
  runner: ObserverRunner,
  image: RgbaImage,
  boxes: readonly Box[],
  signal: AbortSignal | undefined,
): Promise<Observation> {
  const key = JSON.stringify(boxes);
  const byRunner = originals.get(image) ?? new WeakMap();
  originals.set(image, byRunner);
  const known = byRunner.get(runner);
  if (known?.boxes === key) return known.observation;
  const observation = runner.observe(image, boxes, { signal });
  byRunner.set(runner, { boxes: key, observation });
  // A failed or cancelled run is not kept.
  observation.catch(() => {
    if (byRunner.get(runner)?.observation === observation) byRunner.delete(runner);
  });
  return observation;
}

/** Counts for the one-line summary: "people hidden: n of n; other objects kept: k of m". */
export function checkCounts({ people, hidden, scene }: FullCheck) {
  return {
    people: people.length,
    hidden,
    objects: scene.objects.length,
    kept: scene.objects.filter((o) => o.kept).length,
    painted: scene.painted.length,
  };
}
