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

/** One hidden result: how many labelled people the detector still finds after it. */
export interface EvalResidualRow {
  readonly mode: SegmentationMode;
  readonly segmentationThreshold: number;
  readonly growth: number;
  readonly method: ObfuscationMethod;
  readonly radius: number;
  /** Share of labelled people still detected (the rule in match-people.ts). */
  readonly stillDetected: number;
  readonly changedShare: number;
}

export interface EvalSummary {
  readonly images: number;
  readonly people: number;
  /** BodyPix's internal resolution in the run. */
  readonly resolution: string;
  readonly settings: PipelineSettings;
  /** Share of labelled people the detector finds before anything is hidden. */
  readonly detectedBefore: number;
  /** What the project aimed for: recall, precision, people ≥ 90% hidden, people still detected (at most). */
  readonly targets: {
    readonly recall: number;
    readonly precision: number;
    readonly covered90: number;
    readonly stillDetected: number;
  };
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
