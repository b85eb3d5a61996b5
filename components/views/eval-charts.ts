// The evaluation (data/eval-summary.json) as charts: recall against precision of every mask variant, and any
// measure of each method by radius (people still detected, still found by each observer, re-identified,
// objects kept), one panel per measure.
import * as Plot from "@observablehq/plot";
import { OBFUSCATION_METHODS, type ObfuscationMethod } from "../core/obfuscate.js";
import { defaultMask, defaultMaskResiduals, type EvalResidualRow, type EvalSummary } from "../pipeline/eval-summary.js";
import { METHOD_COLORS, MODE_COLORS } from "./chart-colors.js";
import { CHART_STYLE, labelledRuleY, TEXT_HALO, withGroupRoles } from "./chart-parts.js";
import { percent } from "./percent.js";

/**
 * Recall (share of labelled person pixels hidden) against precision (share of hidden pixels that are
 * people) for every mask variant, coloured by mode; growth steps of one mode and threshold are joined. The
 * target corner is shaded and the default ringed.
 */
export function RecallPrecisionChart(summary: EvalSummary, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const rows = summary.masks;
  const { recall, precision } = summary.targets;
  const chosen = defaultMask(summary);
  const precisions = rows.map((r) => r.precision);
  const chart = Plot.plot({
    ariaLabel: "Recall against precision of every mask variant in the evaluation",
    width,
    height: 320,
    marginTop: 24,
    marginRight: 20,
    style: CHART_STYLE,
    x: {
      domain: [Math.min(0.84, ...rows.map((r) => r.recall)), 1],
      nice: true,
      ticks: width < 500 ? 4 : 8,
      tickFormat: ".2f",
      label: "recall (person pixels hidden) →",
    },
    y: {
      domain: [Math.min(...precisions) - 0.01, Math.max(...precisions) + 0.04],
      nice: true,
      grid: true,
      tickFormat: ".2f",
      label: "↑ precision (hidden pixels that are people)",
    },
    color: { type: "ordinal", domain: Object.keys(MODE_COLORS), range: Object.values(MODE_COLORS), legend: true },
    marks: [
      Plot.rect([{}], {
        x1: recall,
        x2: 1,
        y1: precision,
        y2: Math.max(...precisions) + 0.04,
        fill: "#009e73",
        fillOpacity: 0.15,
        stroke: "#009e73",
        strokeDasharray: "4 3",
      }),
      Plot.text([`target: recall ≥ ${recall}, precision ≥ ${precision} →`], {
        frameAnchor: "top",
        x: recall,
        dx: -4,
        dy: 10,
        textAnchor: "end",
        fontSize: 10,
        ...TEXT_HALO,
      }),
      Plot.line(rows, {
        x: "recall",
        y: "precision",
        z: (r) => `${r.mode} ${r.segmentationThreshold}`,
        sort: "growth",
        stroke: "mode",
        strokeOpacity: 0.45,
      }),
      Plot.dot(rows, {
        x: "recall",
        y: "precision",
        fill: "mode",
        r: (r) => (r.growth === 0 ? 4 : 3),
        title: (r) =>
          `${r.mode}, threshold ${r.segmentationThreshold}, growth ${r.growth}: recall ${r.recall.toFixed(3)}, precision ${r.precision.toFixed(3)}, ${percent(r.covered90)} of people ≥ 90% hidden`,
      }),
      Plot.dot([chosen], { x: "recall", y: "precision", r: 9, stroke: "currentColor", strokeWidth: 2 }),
      Plot.text([chosen], {
        x: "recall",
        y: "precision",
        text: () => "default",
        dx: -12,
        textAnchor: "end",
        fontWeight: 600,
        ...TEXT_HALO,
      }),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id: "recall-precision-chart" });
}

/** One panel of a MeasureChart: a measure of each row (null where it was not measured). */
export interface Measure {
  readonly name: string;
  readonly value: (row: EvalResidualRow) => number | null;
  /** Dashed lines drawn in this panel only (its target, say). */
  readonly rules?: ReadonlyArray<{ readonly y: number; readonly label: string }>;
}

export interface MeasureChartOptions {
  readonly width: number;
  readonly id: string;
  readonly ariaLabel: string;
  /** One panel each, side by side, or one above the other on a narrow screen. */
  readonly measures: readonly Measure[];
  readonly yLabel: string;
  /** Shares, drawn from 0 to 100% (default), or counts from 0 to their largest. */
  readonly share?: boolean;
  /** Dashed lines drawn in every panel (before hiding, a target, chance). */
  readonly rules?: ReadonlyArray<{ readonly y: number; readonly label: string }>;
  /** Panels narrower than this are stacked. */
  readonly minPanelWidth?: number;
}

const PANEL_HEIGHT = 280;
const MARGIN = { top: 24, right: 78, bottom: 30 };

/**
 * Each measure of every method by radius on the default mask, one line per method ending in its name, one
 * panel per measure. Fill ignores the radius, so its line is flat.
 */
export function MeasureChart(
  summary: EvalSummary,
  { width, id, ariaLabel, measures, yLabel, share = true, rules = [], minPanelWidth = 230 }: MeasureChartOptions,
): SVGSVGElement | HTMLElement {
  const base = defaultMaskResiduals(summary).sort((a, b) => a.radius - b.radius);
  const radii = [...new Set(base.map((r) => r.radius))];
  // Panels in a grid that wraps: as many side by side as fit.
  const single = measures.length === 1;
  const columns = single ? 1 : Math.max(1, Math.min(measures.length, Math.floor((width - 50) / minPanelWidth)));
  const rows = Math.ceil(measures.length / columns);
  const place = (k: number) => ({ fx: k % columns, fy: Math.floor(k / columns) });
  const points = measures.flatMap((m, k) =>
    base.flatMap((r) => {
      const y = m.value(r);
      return y === null ? [] : [{ ...r, y, measure: m.name, ...place(k) }];
    }),
  );
  const panelRules = measures.flatMap((m, k) => (m.rules ?? []).map((r) => ({ ...r, ...place(k) })));
  const titles = measures.map((m, k) => ({ name: m.name, ...place(k) }));
  const yMax = share
    ? 1
    : Math.max(1, ...points.map((p) => p.y), ...rules.map((r) => r.y), ...panelRules.map((r) => r.y)) * 1.1;
  const panelHeight = single ? PANEL_HEIGHT : 190;
  const facet = single ? {} : { fx: "fx", fy: "fy" };
  const format = (y: number) => (share ? percent(y, 1) : y.toFixed(1));
  const chart = Plot.plot({
    ariaLabel,
    width,
    height: rows * panelHeight + (single ? 0 : 20),
    marginTop: MARGIN.top,
    // A single panel names its lines at their ends; panels share a legend instead.
    marginRight: single ? MARGIN.right : 12,
    marginBottom: MARGIN.bottom,
    style: CHART_STYLE,
    x: { type: "point", domain: radii, padding: 0.3, label: "radius (px) →" },
    // Panels say what they measure in their titles (the axis label would run into the first one).
    y: {
      domain: [0, yMax],
      grid: true,
      tickFormat: share ? "%" : "~f",
      ticks: 5,
      label: single ? `↑ ${yLabel}` : null,
    },
    ...(!single && {
      fx: { domain: [...Array(columns).keys()], axis: null, padding: 0.12 },
      fy: { domain: [...Array(rows).keys()], axis: null, padding: 0.16 },
    }),
    color: {
      type: "ordinal",
      domain: Object.keys(METHOD_COLORS),
      range: Object.values(METHOD_COLORS),
      legend: !single,
      tickFormat: (m: ObfuscationMethod) => OBFUSCATION_METHODS[m].label,
    },
    marks: [
      ...rules.flatMap(({ y, label }) => labelledRuleY(y, label)),
      Plot.ruleY(panelRules, { ...facet, y: "y", stroke: "currentColor", strokeWidth: 1.5, strokeDasharray: "5 3" }),
      Plot.text(panelRules, { ...TEXT_HALO, ...facet, y: "y", text: "label", frameAnchor: "right", dy: -6 }),
      Plot.line(points, { ...facet, x: "radius", y: "y", z: "method", stroke: "method", strokeWidth: 2.2 }),
      Plot.dot(points, {
        ...facet,
        x: "radius",
        y: "y",
        fill: "method",
        r: 3.5,
        title: (p) =>
          `${p.measure}: ${OBFUSCATION_METHODS[p.method as ObfuscationMethod].label}, radius ${p.radius}: ${format(p.y)}`,
      }),
      ...(single
        ? [
            // Each line's name at its end, in the text colour, names of lines ending close together moved apart.
            Plot.text(endLabels(points, (12 * yMax) / (panelHeight - MARGIN.top - MARGIN.bottom)), {
              ...TEXT_HALO,
              x: "radius",
              y: "labelY",
              text: (p) => OBFUSCATION_METHODS[p.method as ObfuscationMethod].label,
              dx: 8,
              textAnchor: "start",
            }),
          ]
        : [
            Plot.text(titles, {
              ...TEXT_HALO,
              ...facet,
              text: "name",
              frameAnchor: "top",
              dy: -14,
              fontWeight: 600,
            }),
          ]),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id });
}

/** Share of labelled people still detected (COCO-SSD) after each method at each radius, on the default mask. */
export function ResidualChart(summary: EvalSummary, { width }: { width: number }): SVGSVGElement | HTMLElement {
  return MeasureChart(summary, {
    width,
    id: "residual-chart",
    ariaLabel: "People still detected after each method, by radius, on the evaluation photos",
    measures: [{ name: "COCO-SSD", value: (r) => r.stillDetected }],
    yLabel: "labelled people still detected",
    rules: [{ y: summary.detectedBefore, label: `before hiding: ${percent(summary.detectedBefore)}` }],
  });
}

/**
 * One label per method at its last radius, at its line's height, moved apart where two would be closer than
 * `gap` (in y units), keeping their order and staying at or above 0.
 */
function endLabels<R extends EvalResidualRow & { y: number }>(
  rows: readonly R[],
  gap: number,
): Array<R & { labelY: number }> {
  const last = new Map<string, R>();
  for (const r of rows) if ((last.get(r.method)?.radius ?? -1) < r.radius) last.set(r.method, r);
  const labels = [...last.values()].sort((a, b) => b.y - a.y).map((r) => ({ ...r, labelY: r.y }));
  for (let k = 1; k < labels.length; k++) labels[k]!.labelY = Math.min(labels[k]!.labelY, labels[k - 1]!.labelY - gap);
  // Pushed under the axis: shift back up, keeping the gaps.
  for (let k = labels.length - 1; k >= 0; k--) {
    const floor = k === labels.length - 1 ? 0 : labels[k + 1]!.labelY + gap;
    if (labels[k]!.labelY < floor) labels[k]!.labelY = floor;
  }
  return labels;
}
