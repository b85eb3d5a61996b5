// The full privacy check as a page runs it when asked: the observers load (in the model worker) the first
// time, then checkEverything judges the result; its status line says which step runs, where the observers
// run, and counts the model runs (for the visitor and for tests).
import type { Mask, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import {
  type CheckOptions,
  checkCounts,
  checkEverything,
  type FullCheck,
  type PrivacyJudges,
} from "../pipeline/check-everything.js";
import type { DetectionStage, PreparedImage } from "../pipeline/stages.js";
import { percent } from "../views/percent.js";
import { setStatus } from "../views/status-line.js";
import type { ObserverClient } from "./observer-client.js";
import { orStop } from "./or-stop.js";

/** The judges, with the observers reached through the pipeline client and the detector's run counter. */
export interface ClientJudges extends PrivacyJudges {
  /** The detector wherever it runs (models.detector on the page, or the pipeline client's, in its worker). */
  readonly detector: Pick<PersonDetector, "detect" | "runs">;
  readonly observers: ObserverClient;
}

const STEPS: Record<Parameters<NonNullable<CheckOptions["onStep"]>>[0], string> = {
  detector: "Running the detector again on the result…",
  original: "The observers look at the photo…",
  result: "The observers look at the result…",
};

/**
 * Loads the observers if needed and checks `result` (the photo hidden with `mask`) with every judge. On
 * failure, `line` says why and the promise never settles (orStop), so the cells waiting for it stay blank.
 */
export function runFullCheck(
  judges: ClientJudges,
  prepared: PreparedImage,
  detection: Pick<DetectionStage, "detections">,
  result: RgbaImage,
  mask: Mask,
  line: HTMLElement,
  { signal }: { signal?: AbortSignal } = {},
): Promise<FullCheck> {
  const { observers } = judges;
  const where = () => observers.placement.where;
  const runs = () => {
    const { objects, pose, faces } = observers.runs;
    return { detectorRuns: judges.detector.runs, objectsRuns: objects, poseRuns: pose, facesRuns: faces };
  };
  const detectorBefore = judges.detector.runs;
  const work = (async () => {
    setStatus(line, { state: "loading", text: "Loading the observers…", figure: percent(0), progress: 0 });
    await observers.load({
      signal,
      onProgress: (fraction) =>
        setStatus(line, {
          state: "loading",
          text: "Loading the observers…",
          figure: percent(fraction),
          progress: fraction,
        }),
    });
    const check = await checkEverything(judges, prepared, detection, result, mask, {
      signal,
      onStep: (step) => setStatus(line, { state: "running", text: STEPS[step], data: { step } }),
    });
    const counts = checkCounts(check);
    setStatus(line, {
      state: "done",
      text: `Checked by every observer: ${counts.hidden} of ${counts.people} hidden.`,
      details: `The observers ran ${where() === "worker" ? "in the model worker" : "on the page's main thread"}${observers.placement.reason ? ` (${observers.placement.reason})` : ""}.`,
      data: {
        where: where(),
        hidden: counts.hidden,
        people: counts.people,
        ...runs(),
        // The check's own detector runs, if nothing else ran the detector meanwhile.
        checkDetectorRuns: judges.detector.runs - detectorBefore,
      },
    });
    return check;
  })();
  return orStop(line, work);
}
