// The evaluation (data/eval-summary.json) as two charts: recall against precision of every mask variant,
// and the share of labelled people still detected after each method, by radius.
import * as Plot from "@observablehq/plot";
import { defaultMask, defaultMaskResiduals, type EvalResidualRow, type EvalSummary } from "../pipeline/eval-summary.js";
import { METHOD_COLORS, MODE_COLORS } from "./chart-colors.js";
import { CHART_STYLE, labelledRuleY, TEXT_HALO } from "./chart-parts.js";
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
  return Object.assign(chart, { id: "recall-precision-chart" });
}

const HEIGHT = 280;

/** Share of labelled people still detected after each method at each radius, on the default mask. */
export function ResidualChart(summary: EvalSummary, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const rows = defaultMaskResiduals(summary).sort((a, b) => a.radius - b.radius);
  const radii = [...new Set(rows.map((r) => r.radius))];
  const chart = Plot.plot({
    ariaLabel: "People still detected after each method, by radius, on the evaluation photos",
    width,
    height: HEIGHT,
    marginTop: 24,
    marginRight: 78,
    marginBottom: 30,
    style: CHART_STYLE,
    x: { type: "point", domain: radii, padding: 0.3, label: "radius (pixels of the photo) →" },
    y: { domain: [0, 1], grid: true, tickFormat: "%", label: "↑ labelled people still detected" },
    color: { type: "ordinal", domain: Object.keys(METHOD_COLORS), range: Object.values(METHOD_COLORS) },
    marks: [
      labelledRuleY(summary.detectedBefore, `before hiding: ${percent(summary.detectedBefore)}`),
      Plot.line(rows, { x: "radius", y: "stillDetected", z: "method", stroke: "method", strokeWidth: 2.2 }),
      Plot.dot(rows, {
        x: "radius",
        y: "stillDetected",
        fill: "method",
        r: 3.5,
        title: (r) => `${r.method}, radius ${r.radius}: ${percent(r.stillDetected, 1)} still detected`,
      }),
      // Each line's name at its end, names of lines ending close together moved apart.
      Plot.text(endLabels(rows, 12 / (HEIGHT - 24 - 30)), {
        ...TEXT_HALO,
        x: "radius",
        y: "y",
        text: "method",
        fill: "method",
        dx: 8,
        textAnchor: "start",
        fontWeight: 600,
      }),
    ],
  });
  return Object.assign(chart, { id: "residual-chart" });
}

/**
 * One label per method at its last radius, at its line's height, moved apart where two would be closer than
 * `gap` (in y units), keeping their order and staying at or above 0.
 */
function endLabels(rows: readonly EvalResidualRow[], gap: number): Array<EvalResidualRow & { y: number }> {
  const last = new Map<string, EvalResidualRow>();
  for (const r of rows) if ((last.get(r.method)?.radius ?? -1) < r.radius) last.set(r.method, r);
  const labels = [...last.values()]
    .sort((a, b) => b.stillDetected - a.stillDetected)
    .map((r) => ({ ...r, y: r.stillDetected }));
  for (let k = 1; k < labels.length; k++) labels[k]!.y = Math.min(labels[k]!.y, labels[k - 1]!.y - gap);
  // Pushed under the axis: shift back up, keeping the gaps.
  for (let k = labels.length - 1; k >= 0; k--) {
    const floor = k === labels.length - 1 ? 0 : labels[k + 1]!.y + gap;
    if (labels[k]!.y < floor) labels[k]!.y = floor;
  }
  return labels;
}
