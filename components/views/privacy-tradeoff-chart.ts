// "Less intrusive but still private?" on the evaluation's three axes: for every method and strength, privacy
// (the share the most successful observer still finds), recognisability (re-identification rank-1 over chance)
// and utility (the other objects kept), one row each, three panels side by side (stacked on a phone), each with
// the issue's target shaded. The rows are tradeoffRows (pipeline/eval-summary.ts); the table beside it is the
// same figures in words.
import * as Plot from "@observablehq/plot";
import { OBFUSCATION_METHODS } from "../core/obfuscate.js";
import { type EvalSummary, type TradeoffRow, tradeoffRows } from "../pipeline/eval-summary.js";
import { METHOD_COLORS } from "./chart-colors.js";
import { CHART_STYLE, TEXT_HALO, withGroupRoles } from "./chart-parts.js";
import { percent } from "./percent.js";

/** A row's name: the method and its radius, the 2019 method, the defaults marked. */
export function tradeoffLabel(row: TradeoffRow): string {
  if (row.is2019) return `2019 method (fuzz r ${row.radius})`;
  const name = OBFUSCATION_METHODS[row.method].label;
  return `${name}${row.radius === null ? " (any r)" : ` r ${row.radius}`}${row.isDefault ? " (default)" : ""}`;
}

/** The rows in the chart's order: most private first, then least recognisable. */
export function tradeoffOrder(summary: EvalSummary): TradeoffRow[] {
  return tradeoffRows(summary).sort((a, b) => a.worst.share - b.worst.share || a.timesChance - b.timesChance);
}

interface Panel {
  readonly title: string;
  readonly x: (row: TradeoffRow) => number;
  readonly scale: Plot.ScaleOptions;
  /** The target's side of the axis, shaded. */
  readonly target: { readonly from: number; readonly to: number; readonly label: string };
  readonly format: (row: TradeoffRow) => string;
}

const ROW_HEIGHT = 20;
const LABEL_MARGIN = 170;
const GREEN = "#009e73";

export function PrivacyTradeoffChart(summary: EvalSummary, { width }: { width: number }): HTMLElement {
  const rows = tradeoffOrder(summary);
  const labels = rows.map(tradeoffLabel);
  const { targets, gallery } = summary;
  const maxWorst = Math.max(...rows.map((r) => r.worst.share));
  const minKept = Math.min(...rows.map((r) => r.kept));
  const panels: Panel[] = [
    {
      title: "Privacy: people the worst observer still finds (← better)",
      x: (r) => r.worst.share,
      scale: { domain: [0, Math.max(0.1, maxWorst * 1.05)], tickFormat: "%", ticks: 4 },
      target: { from: 0, to: targets.stillFoundByAny, label: `≤ ${percent(targets.stillFoundByAny)}` },
      format: (r) => percent(r.worst.share, 1),
    },
    {
      title: "Recognisability: re-identified at rank 1, × chance (← better)",
      x: (r) => r.timesChance,
      // Symmetric log: from 0 (never matched) to the whole gallery (always), chance at 1.
      scale: {
        type: "symlog",
        domain: [0, gallery],
        ticks: [0, 1, 2, 5, 10, 20, 50, gallery],
        tickFormat: (v: number) => `${v}×`,
      },
      target: { from: 0, to: targets.reidRank1 * gallery, label: `≤ ${percent(targets.reidRank1)}` },
      format: (r) => `${r.timesChance.toFixed(1)}× (${percent(r.rank1, 1)})`,
    },
    {
      title: "Utility: other objects kept (better →)",
      x: (r) => r.kept,
      scale: { domain: [Math.min(targets.kept, minKept) - 0.05, 1], tickFormat: "%", ticks: 4 },
      target: { from: targets.kept, to: 1, label: `≥ ${percent(targets.kept)}` },
      format: (r) => percent(r.kept, 1),
    },
  ];
  const side = width >= 760;
  const root = document.createElement("div");
  root.id = "privacy-tradeoff-chart";
  root.style.cssText = `display:grid;grid-template-columns:${side ? `${LABEL_MARGIN}px repeat(3, 1fr)` : "1fr"};column-gap:0.5rem;`;
  const panelWidth = side ? Math.floor((width - LABEL_MARGIN) / 3) - 8 : width;
  panels.forEach((panel, k) => {
    const withLabels = !side || k === 0;
    const figure = document.createElement("figure");
    figure.style.cssText = `margin:0 0 0.75rem;max-width:none;${side && k === 0 ? "grid-column:1 / span 2;" : ""}`;
    const heading = document.createElement("figcaption");
    heading.textContent = panel.title;
    heading.style.cssText = `font-weight:600;font-size:0.85rem;margin:0 0 0.2rem ${withLabels && side ? LABEL_MARGIN : 0}px;`;
    const plot = Plot.plot({
      ariaLabel: `${panel.title}, for every method and strength`,
      width: withLabels && side ? panelWidth + LABEL_MARGIN : panelWidth,
      height: rows.length * ROW_HEIGHT + 44,
      marginLeft: withLabels ? LABEL_MARGIN : 10,
      marginRight: 16,
      marginTop: 20,
      marginBottom: 24,
      style: CHART_STYLE,
      x: { ...panel.scale, grid: true, label: null },
      y: { type: "band", domain: labels, axis: withLabels ? "left" : null, label: null, tickSize: 0 },
      r: { type: "identity" },
      marks: [
        Plot.rect([panel.target], { x1: "from", x2: "to", fill: GREEN, fillOpacity: 0.14 }),
        Plot.text([panel.target], {
          x: (t) => (t.from + t.to) / 2,
          text: (t) => `target ${t.label}`,
          frameAnchor: "top",
          dy: -14,
          fontSize: 10,
          ...TEXT_HALO,
        }),
        Plot.ruleY(rows, { y: (_, i) => labels[i], stroke: "currentColor", strokeOpacity: 0.08 }),
        Plot.dot(rows, {
          x: panel.x,
          y: (_, i) => labels[i],
          r: (r: TradeoffRow) => (r.isDefault ? 6.5 : 4.5),
          fill: (r: TradeoffRow) => METHOD_COLORS[r.method],
          stroke: (r: TradeoffRow) => (r.isDefault || r.is2019 ? "currentColor" : "var(--theme-background, #fff)"),
          strokeWidth: (r: TradeoffRow) => (r.isDefault || r.is2019 ? 2 : 1),
          symbol: (r: TradeoffRow) => (r.is2019 ? "diamond" : "circle"),
          title: (r: TradeoffRow, i: number) => `${labels[i]}: ${panel.format(r)}`,
        }),
      ],
    });
    figure.append(heading, withGroupRoles(plot));
    root.append(figure);
  });
  return root;
}
