// The evaluation's figures as the site's prose states them, each formatted from data/eval-summary.json:
// pages interpolate these instead of typing a number, so a figure cannot go stale when the data changes.
import { OBFUSCATION_METHODS, type ObfuscationMethod } from "../core/obfuscate.js";
import {
  defaultMask,
  defaultTargets,
  type EvalSummary,
  type JudgedRow,
  judged2019,
  judgedAt,
  type ObserverKey,
  reidChance,
  residual2019,
  residualAt,
  residualWithGrowth,
  type TargetCheck,
  type TradeoffRow,
  tradeoffRows,
  worstObserver,
} from "../pipeline/eval-summary.js";
import { percent } from "./percent.js";

/** The judges as the evaluation's prose, charts and tables name them. */
export const OBSERVER_NAMES: Readonly<Record<ObserverKey | "any", string>> = {
  cocoSsd: "COCO-SSD",
  centerNet: "CenterNet",
  pose: "pose (MoveNet)",
  face: "face (BlazeFace)",
  any: "any of them",
};

/** A target and the defaults' figure for it, as tables and prose state them. */
export function targetFigures({ kind, value, target, atMost }: TargetCheck): { value: string; target: string } {
  const format = (x: number, digits: number) =>
    kind === "share" ? percent(x, digits) : kind === "per10" ? x.toFixed(1) : x.toFixed(3);
  const plain = kind === "share" ? percent(target) : String(target);
  return { value: format(value, 1), target: `${atMost ? "≤" : "≥"} ${plain}` };
}

/** "2 of 95": a share of a count as the whole number it stands for. */
export const countOf = (share: number, of: number) => `${Math.round(share * of)} of ${of}`;

/** A judged row's figures as the prose states them: shares with one decimal, with the counts behind them. */
export function judgedFigures(summary: EvalSummary, row: JudgedRow) {
  const { observers, faces, reid, utility } = row;
  const worst = worstObserver(observers);
  const share = (key: ObserverKey | "any") => percent(observers[key], 1);
  return {
    any: share("any"),
    anyCount: countOf(observers.any, summary.people),
    cocoSsd: share("cocoSsd"),
    centerNet: share("centerNet"),
    pose: share("pose"),
    poseCount: countOf(observers.pose, summary.people),
    worst: { name: OBSERVER_NAMES[worst.key], share: percent(worst.share, 1) },
    facesAgain: `${faces.foundAgain} of ${faces.before}`,
    rank1: percent(reid.rank1, 1),
    rank5: percent(reid.rank5, 1),
    /** Rank-1 over chance ("7.0"). */
    timesChance: (reid.rank1 / reidChance(summary)).toFixed(1),
    kept: percent(utility.kept, 1),
    keptCount: countOf(utility.kept, utility.objects),
    keptClear: percent(utility.keptClear, 1),
    keptClearCount: countOf(utility.keptClear, utility.clear),
    painted: utility.paintedPer10.toFixed(1),
  };
}

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
    /** Every judge on a method and radius of the default mask. */
    judged: (method: ObfuscationMethod, radius: number) => judgedFigures(summary, judgedAt(summary, method, radius)),
    /** …and on the 2019 method. */
    judged2019: judgedFigures(summary, judged2019(summary)),
    /** Re-identification and the scene on the default mask grown by `growth` px (the observers did not judge these). */
    grown: (method: ObfuscationMethod, radius: number, growth: number) => {
      const row = residualWithGrowth(summary, method, radius, growth);
      if (!row.reid)
        throw new Error(`data/eval-summary.json has no re-identification for ${method} r ${radius} grown ${growth}`);
      const mask = summary.masks.find(
        (m) =>
          m.mode === summary.settings.mode &&
          m.segmentationThreshold === summary.settings.segmentationThreshold &&
          m.growth === growth,
      );
      if (!mask) throw new Error(`data/eval-summary.json has no mask row for the default mask grown ${growth} px`);
      return {
        rank1: percent(row.reid.rank1, 1),
        kept: percent(row.utility.kept, 1),
        painted: row.utility.paintedPer10.toFixed(1),
        precision: mask.precision.toFixed(2),
      };
    },
    /** The judges on the originals. */
    before: {
      any: percent(summary.before.observers.any, 1),
      faces: summary.before.faces,
      objects: summary.before.objects,
      objectsClear: summary.before.objectsClear,
    },
    gallery: summary.gallery,
    /** Re-identification by chance: one in the gallery. */
    chance: percent(reidChance(summary), 1),
    poseMinKeypoints: summary.poseMinKeypoints,
    /** The pose rule and the face detector on the same boxes moved onto empty street. */
    control: {
      boxes: summary.control.boxes,
      pose: summary.control.pose,
      faces: summary.control.faces,
    },
    /** The defaults against every target: how many are met, and the missed ones with their figures. */
    againstTargets: (() => {
      const checks = defaultTargets(summary);
      const missed = checks.filter((t) => !t.met);
      return {
        met: checks.length - missed.length,
        total: checks.length,
        missed: missed
          .map((t) => {
            const f = targetFigures(t);
            return `${t.measure} (${f.value}, target ${f.target})`;
          })
          .join("; "),
      };
    })(),
    /** The trade-off's answer: the methods and strengths within each target, named. */
    tradeoff: (() => {
      const rows = tradeoffRows(summary).filter((r) => !r.is2019);
      const t = summary.targets;
      const isPrivate = (r: TradeoffRow) => r.worst.share <= t.stillFoundByAny;
      const unrecognisable = (r: TradeoffRow) => r.rank1 <= t.reidRank1;
      const useful = (r: TradeoffRow) => r.kept >= t.kept;
      const names = (list: TradeoffRow[]) =>
        list.length === 0
          ? "none"
          : list
              .map(
                (r) =>
                  `${OBFUSCATION_METHODS[r.method].label.toLowerCase()}${r.radius === null ? "" : ` r ${r.radius}`}`,
              )
              .join(", ");
      const leastRecognisable = rows.filter(isPrivate).sort((a, b) => a.rank1 - b.rank1)[0];
      return {
        rows: rows.length,
        /** The private row re-identified least often, and how often over chance. */
        leastRecognisablePrivate: leastRecognisable
          ? { name: names([leastRecognisable]), timesChance: leastRecognisable.timesChance.toFixed(1) }
          : { name: "none", timesChance: "" },
        private: names(rows.filter(isPrivate)),
        privateAndUseful: names(rows.filter((r) => isPrivate(r) && useful(r))),
        unrecognisable: names(rows.filter(unrecognisable)),
        all: names(rows.filter((r) => isPrivate(r) && unrecognisable(r) && useful(r))),
      };
    })(),
    /** The issue's targets as the prose states them. */
    target: {
      any: percent(summary.targets.stillFoundByAny),
      faces: percent(summary.targets.facesFoundAgain),
      reid: percent(summary.targets.reidRank1),
      keptClear: percent(summary.targets.keptClear),
      kept: percent(summary.targets.kept),
      painted: String(summary.targets.paintedPer10),
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
