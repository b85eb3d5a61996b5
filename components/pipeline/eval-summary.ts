// data/eval-summary.json, the figures `npm run eval` measured on labelled photos, typed, with the lookups
// the site's prose and charts make into it. Every figure a page states about the evaluation comes from here,
// through views/eval-figures.ts (test/core/page-figures.test.ts checks that pages type none themselves).
import type { ObfuscationMethod } from "../core/obfuscate.js";
import type { PipelineSettings, SegmentationMode } from "./settings.js";

/** One mask variant, scored over every labelled photo. */
export interface EvalMaskRow {
  readonly mode: SegmentationMode;
  readonly segmentationThreshold: number;
  readonly growth: number;
  /** Share of labelled person pixels hidden. */
  readonly recall: number;
  /** Share of hidden pixels that are people. */
  readonly precision: number;
  readonly iou: number;
  /** Share of people with at least 90% (50%) of their pixels hidden. */
  readonly covered90: number;
  readonly covered50: number;
}

/** Share of labelled people each judge finds (observer-check.ts's rules), and any of them. */
export interface EvalObservers {
  readonly cocoSsd: number;
  readonly centerNet: number;
  readonly pose: number;
  /** A face found again where it was (in the originals: a face found). */
  readonly face: number;
  readonly any: number;
}

/** One hidden result, judged: who is still found, whose face, who is recognised, what the scene kept. */
export interface EvalResidualRow {
  readonly mode: SegmentationMode;
  readonly segmentationThreshold: number;
  readonly growth: number;
  readonly method: ObfuscationMethod;
  readonly radius: number;
  /** Share of labelled people still detected (the rule in match-people.ts). */
  readonly stillDetected: number;
  readonly changedShare: number;
  /** Null where the observers did not judge (the mask growths other than the default's). */
  readonly observers: EvalObservers | null;
  /** Faces in the originals, found again after hiding (and their share), and faces found anywhere after. */
  readonly faces: {
    readonly before: number;
    readonly foundAgain: number;
    readonly share: number;
    readonly anyAfter: number;
  } | null;
  /** Re-identification by clothing colour against every labelled person (chance = 1 / gallery). */
  readonly reid: { readonly rank1: number; readonly rank5: number } | null;
  /** The other objects COCO-SSD finds in the originals: how many, and the share found again after hiding. */
  readonly utility: {
    readonly objects: number;
    readonly kept: number;
    /** Objects not on a person (box under ON_PERSON_SHARE person pixels). */
    readonly clear: number;
    readonly keptClear: number;
    /** Objects whose box the mask does not touch. */
    readonly untouched: number;
    readonly keptUntouched: number;
    /** Objects painted in, in all and per 10 photos. */
    readonly painted: number;
    readonly paintedPer10: number;
  };
}

export interface EvalSummary {
  readonly images: number;
  readonly people: number;
  /** People in the re-identification gallery (every labelled person). */
  readonly gallery: number;
  /** BodyPix's internal resolution in the run. */
  readonly resolution: string;
  readonly settings: PipelineSettings;
  /** Share of labelled people the detector finds before anything is hidden. */
  readonly detectedBefore: number;
  /** What the project aimed for: at least (recall, precision, covered90, kept, keptClear), at most (the rest). */
  readonly targets: {
    readonly recall: number;
    readonly precision: number;
    readonly covered90: number;
    readonly stillDetected: number;
    readonly stillFoundByAny: number;
    readonly facesFoundAgain: number;
    readonly reidRank1: number;
    readonly keptClear: number;
    readonly kept: number;
    readonly paintedPer10: number;
  };
  /** Keypoints (of 17) the pose rule needs inside a person's box. */
  readonly poseMinKeypoints: number;
  /** The judges on the originals: who finds the labelled people, faces found, other objects. */
  readonly before: {
    readonly observers: EvalObservers;
    readonly faces: number;
    readonly objects: number;
    readonly objectsClear: number;
  };
  /** The labelled boxes moved onto empty street: how often the pose rule is met or a face found there. */
  readonly control: { readonly boxes: number; readonly pose: number; readonly faces: number };
  /** The same measures with the two libraries as they come, before this project's choices. */
  readonly reference: {
    readonly masks: ReadonlyArray<{
      readonly name: string;
      readonly recall: number;
      readonly covered90: number;
      readonly precision?: number;
    }>;
    readonly fuzzStillDetected: { readonly radii: readonly number[]; readonly stillDetected: number };
  };
  readonly masks: readonly EvalMaskRow[];
  readonly residual: readonly EvalResidualRow[];
}

type MaskKey = Pick<EvalMaskRow, "mode" | "segmentationThreshold" | "growth">;

const sameMask = (a: MaskKey, b: MaskKey) =>
  a.mode === b.mode && a.segmentationThreshold === b.segmentationThreshold && a.growth === b.growth;

const describe = ({ mode, segmentationThreshold, growth }: MaskKey) =>
  `${mode} mode, threshold ${segmentationThreshold}, growth ${growth}`;

/** The mask row of the site's defaults. */
export function defaultMask(summary: EvalSummary): EvalMaskRow {
  const row = summary.masks.find((r) => sameMask(r, summary.settings));
  if (!row) throw new Error(`data/eval-summary.json has no mask row for the defaults (${describe(summary.settings)})`);
  return row;
}

/** The residual row of a method and radius on the default mask (the defaults' own method when not given). */
export function residualAt(
  summary: EvalSummary,
  method: ObfuscationMethod = summary.settings.method,
  radius: number = summary.settings.radius,
): EvalResidualRow {
  const row = summary.residual.find((r) => sameMask(r, summary.settings) && r.method === method && r.radius === radius);
  if (!row) {
    throw new Error(
      `data/eval-summary.json has no residual row for ${method} at radius ${radius} on the default mask (${describe(summary.settings)})`,
    );
  }
  return row;
}

/** The residual rows on the default mask: every method at every radius measured. */
export function defaultMaskResiduals(summary: EvalSummary): EvalResidualRow[] {
  return summary.residual.filter((r) => sameMask(r, summary.settings));
}

/** The 2019 method as this project runs it: boxes mode, no growth, fuzz. */
export function residual2019(summary: EvalSummary): EvalResidualRow {
  const row = summary.residual.find((r) => r.mode === "boxes" && r.growth === 0 && r.method === "fuzz");
  if (!row) throw new Error("data/eval-summary.json has no residual row for the 2019 method (boxes mode, fuzz)");
  return row;
}

/** A residual row the observers judged (every method and radius on the default mask, and the 2019 method). */
export type JudgedRow = EvalResidualRow & {
  readonly observers: EvalObservers;
  readonly faces: NonNullable<EvalResidualRow["faces"]>;
  readonly reid: NonNullable<EvalResidualRow["reid"]>;
};

const judged = (r: EvalResidualRow): r is JudgedRow => r.observers !== null && r.faces !== null && r.reid !== null;

/** Every method at every radius on the default mask, as the observers judged them. */
export function judgedResiduals(summary: EvalSummary): JudgedRow[] {
  return defaultMaskResiduals(summary).filter(judged);
}

/** A judged row: a method and radius on the default mask, or with another growth of it. */
export function judgedAt(summary: EvalSummary, method: ObfuscationMethod, radius: number): JudgedRow {
  const row = residualAt(summary, method, radius);
  if (!judged(row))
    throw new Error(`data/eval-summary.json has no observers' figures for ${method} at radius ${radius}`);
  return row;
}

/** The 2019 method's row with the observers' figures. */
export function judged2019(summary: EvalSummary): JudgedRow {
  const row = residual2019(summary);
  if (!judged(row)) throw new Error("data/eval-summary.json has no observers' figures for the 2019 method");
  return row;
}

/** The residual row of a method and radius on the default mask grown by `growth` pixels. */
export function residualWithGrowth(
  summary: EvalSummary,
  method: ObfuscationMethod,
  radius: number,
  growth: number,
): EvalResidualRow {
  const mask = { ...summary.settings, growth };
  const row = summary.residual.find((r) => sameMask(r, mask) && r.method === method && r.radius === radius);
  if (!row) {
    throw new Error(`data/eval-summary.json has no residual row for ${method} at radius ${radius} (${describe(mask)})`);
  }
  return row;
}

export const OBSERVER_KEYS = ["cocoSsd", "centerNet", "pose", "face"] as const;
export type ObserverKey = (typeof OBSERVER_KEYS)[number];

/** The observer that still finds the most people, and that share: the row's privacy, judged by its worst case. */
export function worstObserver(observers: EvalObservers): { readonly key: ObserverKey; readonly share: number } {
  let worst: ObserverKey = OBSERVER_KEYS[0];
  for (const key of OBSERVER_KEYS) if (observers[key] > observers[worst]) worst = key;
  return { key: worst, share: observers[worst] };
}

/** Re-identification's chance level: one person picked at random from the gallery. */
export function reidChance(summary: EvalSummary): number {
  return 1 / summary.gallery;
}

/** One of the targets, measured on the defaults. */
export interface TargetCheck {
  readonly measure: string;
  readonly value: number;
  readonly target: number;
  /** The target is a ceiling (at most) rather than a floor (at least). */
  readonly atMost: boolean;
  /** How the value reads: a share (percent), a plain number, or objects per 10 photos. */
  readonly kind: "share" | "number" | "per10";
  readonly met: boolean;
}

/** Every target against the defaults' figures (mask, method and radius of `summary.settings`). */
export function defaultTargets(summary: EvalSummary): TargetCheck[] {
  const mask = defaultMask(summary);
  const row = judgedAt(summary, summary.settings.method, summary.settings.radius);
  const t = summary.targets;
  const check = (measure: string, value: number, target: number, atMost: boolean, kind: TargetCheck["kind"]) => ({
    measure,
    value,
    target,
    atMost,
    kind,
    met: atMost ? value <= target : value >= target,
  });
  return [
    check("person pixels hidden (recall)", mask.recall, t.recall, false, "number"),
    check("hidden pixels that are people (precision)", mask.precision, t.precision, false, "number"),
    check("people at least 90% hidden", mask.covered90, t.covered90, false, "share"),
    check("people still found by COCO-SSD", row.stillDetected, t.stillDetected, true, "share"),
    check("people still found by any observer", row.observers.any, t.stillFoundByAny, true, "share"),
    check("faces found again, of those found before", row.faces.share, t.facesFoundAgain, true, "share"),
    check("hidden people re-identified at rank 1", row.reid.rank1, t.reidRank1, true, "share"),
    check("other objects not on a person kept", row.utility.keptClear, t.keptClear, false, "share"),
    check("all other objects kept", row.utility.kept, t.kept, false, "share"),
    check("objects painted in, per 10 photos", row.utility.paintedPer10, t.paintedPer10, true, "per10"),
  ];
}

/** One method and strength on the three axes. */
export interface TradeoffRow {
  readonly method: ObfuscationMethod;
  /** The radius, or null where the method ignores it (every radius measured the same). */
  readonly radius: number | null;
  /** The 2019 method (boxes mode, no growth, fuzz) rather than a method on the default mask. */
  readonly is2019: boolean;
  /** The site's defaults. */
  readonly isDefault: boolean;
  /** Privacy, judged by its worst case: the share the most successful observer still finds. */
  readonly worst: { readonly key: ObserverKey; readonly share: number };
  readonly any: number;
  /** Recognisability: re-identification rank-1, and that over chance. */
  readonly rank1: number;
  readonly timesChance: number;
  /** Utility: the other objects kept. */
  readonly kept: number;
}

/**
 * Every method and strength the observers judged on the default mask, and the 2019 method, on the three axes:
 * privacy (worst observer), recognisability (re-ID rank-1 over chance), utility (objects kept). A method whose
 * radii all measured the same (fill ignores it) is one row.
 */
export function tradeoffRows(summary: EvalSummary): TradeoffRow[] {
  const chance = reidChance(summary);
  const row = (r: JudgedRow, radius: number | null, is2019: boolean): TradeoffRow => ({
    method: r.method,
    radius,
    is2019,
    isDefault: !is2019 && r.method === summary.settings.method && r.radius === summary.settings.radius,
    worst: worstObserver(r.observers),
    any: r.observers.any,
    rank1: r.reid.rank1,
    timesChance: r.reid.rank1 / chance,
    kept: r.utility.kept,
  });
  const measures = (r: JudgedRow) => JSON.stringify([r.observers, r.faces, r.reid, r.utility]);
  const rows = judgedResiduals(summary).sort((a, b) => a.radius - b.radius);
  const out: TradeoffRow[] = [];
  for (const r of rows) {
    const same = rows.filter((s) => s.method === r.method);
    const constant = same.every((s) => measures(s) === measures(r));
    if (constant && same[0] !== r) continue;
    out.push(row(r, constant && same.length > 1 ? null : r.radius, false));
  }
  out.push(row(judged2019(summary), residual2019(summary).radius, true));
  return out;
}
