// The evaluation's figures as the site's prose states them, each formatted from data/eval-summary.json:
// pages interpolate these instead of typing a number, so a figure cannot go stale when the data changes.
import type { ObfuscationMethod } from "../core/obfuscate.js";
import { defaultMask, type EvalSummary, residual2019, residualAt } from "../pipeline/eval-summary.js";
import { percent } from "./percent.js";

export function evalFigures(summary: EvalSummary) {
  const chosen = defaultMask(summary);
  const residual = residualAt(summary);
  const baseline = residual2019(summary);
  const reference = (k: number) => {
    const row = summary.reference.masks[k];
    if (!row) throw new Error(`data/eval-summary.json has no reference mask row ${k}`);
    return { recall: percent(row.recall), covered90: percent(row.covered90), precision: String(row.precision ?? "") };
  };
  return {
    images: summary.images,
    people: summary.people,
    /** How much one person weighs in the shares. */
    onePerson: percent(1 / summary.people, 1),
    resolution: summary.resolution,
    targets: summary.targets,
    /** The smallest and largest mask growth measured, in pixels. */
    growths: [Math.min(...summary.masks.map((r) => r.growth)), Math.max(...summary.masks.map((r) => r.growth))],
    /** Share of the labelled people the detector finds before hiding. */
    detectedBefore: percent(summary.detectedBefore),
    /** The site's defaults: their mask and their method. */
    defaults: {
      mode: chosen.mode,
      threshold: chosen.segmentationThreshold,
      growth: chosen.growth,
      recall: percent(chosen.recall),
      precision: chosen.precision.toFixed(2),
      covered90: percent(chosen.covered90),
      method: residual.method,
      radius: residual.radius,
      /** "none of them", or a percentage with one decimal. */
      stillDetected: residual.stillDetected === 0 ? "none of them" : percent(residual.stillDetected, 1),
      stillDetectedCount: `${Math.round(residual.stillDetected * summary.people)} of ${summary.people}`,
    },
    /** Share of labelled people still detected after `method` at `radius` on the default mask. */
    stillDetected: (method: ObfuscationMethod, radius: number) =>
      percent(residualAt(summary, method, radius).stillDetected),
    /** The 2019 method as run here (boxes mode, no growth, fuzz). */
    baseline2019: {
      threshold: baseline.segmentationThreshold,
      radius: baseline.radius,
      stillDetected: percent(baseline.stillDetected),
    },
    /** The two libraries as they come: the 2019 method, BodyPix multi-person, and their union grown 4 px. */
    reference: {
      boxes: reference(0),
      multi: reference(1),
      unionGrown: reference(2),
      fuzzStillDetected: percent(summary.reference.fuzzStillDetected.stillDetected),
      fuzzRadii: summary.reference.fuzzStillDetected.radii.join(" and at "),
    },
  };
}
