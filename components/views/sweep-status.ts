// What the radius sweep has found so far, in one sentence for its status line.
import { OBFUSCATION_METHODS } from "../core/obfuscate.js";
import type { Sweep } from "../pipeline/sweep-radius.js";
import type { StatusUpdate } from "./status-line.js";

/**
 * While running: the radius being tried. Then: the first radius at which the detector loses everyone, and
 * whether a larger one lets it find someone again (a stronger setting is not always safer).
 */
export function describeSweep({ method, radii, people, points }: Sweep): string {
  const name = OBFUSCATION_METHODS[method].label.toLowerCase();
  if (points.length < radii.length) return `Trying ${name} at radius ${radii[points.length]}…`;
  if (people === 0) return "The detector found no one in the original, so there is no one to follow.";
  const gone = points.find((p) => p.stillFound === 0);
  if (!gone) return `With ${name}, the detector still finds someone even at radius ${radii.at(-1)}.`;
  const back = points.find((p) => p.radius > gone.radius && p.stillFound > 0);
  return (
    `With ${name}, the detector first loses everyone at radius ${gone.radius}` +
    (back ? `, but finds someone again at radius ${back.radius}: a stronger setting is not always safer.` : ".")
  );
}

/**
 * The sweep's status line: its sentence, progress over the radii, and for tests its method and how many
 * times each model has run on the page so far.
 */
export function sweepStatus(
  sweep: Sweep,
  models: { readonly detector: { readonly runs: number }; readonly segmenter: { readonly runs: number } },
): StatusUpdate {
  const done = sweep.points.length >= sweep.radii.length;
  return {
    state: done ? "done" : "running",
    text: describeSweep(sweep),
    progress: sweep.points.length / sweep.radii.length,
    data: { method: sweep.method, detectorRuns: models.detector.runs, segmenterRuns: models.segmenter.runs },
  };
}
