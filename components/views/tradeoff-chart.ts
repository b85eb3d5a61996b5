// Privacy against intrusiveness: each method as one point, people still detected against how much it
// changed the hidden pixels.
import * as Plot from "@observablehq/plot";
import type { MethodResult } from "../pipeline/compare-methods.js";
import { METHOD_COLORS } from "./chart-colors.js";
import { CHART_STYLE, labelledRuleY, TEXT_HALO, withGroupRoles } from "./chart-parts.js";

const MARGIN = { top: 22, right: 24, bottom: 40, left: 44 };

/** One labelled point per method: x = mean colour change inside the mask, y = people still detected. */
export function TradeoffChart(
  results: readonly MethodResult[],
  { width }: { width: number },
): SVGSVGElement | HTMLElement {
  const before = Math.max(1, ...results.map((r) => r.check.foundBefore));
  const xMax = Math.max(0.1, ...results.map((r) => r.colourChange)) * 1.15;
  const points = results.map((r) => ({
    method: r.method,
    label: r.label,
    x: r.colourChange,
    y: r.check.stillFound,
    color: METHOD_COLORS[r.method],
    title: `${r.label}: ${r.check.stillFound} of ${r.check.foundBefore} still detected, colour change ${(100 * r.colourChange).toFixed(0)}%`,
  }));
  // Labels sit above their points; one that would run into a label already placed on its row moves up a row.
  const px = (x: number) => MARGIN.left + (x / xMax) * (width - MARGIN.left - MARGIN.right);
  const rows: Array<(typeof points)[number] & { row: number }> = [];
  for (const p of [...points].sort((a, b) => a.x - b.x)) {
    let row = 0;
    while (rows.some((q) => q.y === p.y && q.row === row && px(p.x) - px(q.x) < q.label.length * 6.5 + 4)) row++;
    rows.push({ ...p, row });
  }
  const labelRows = [...new Set(rows.map((r) => r.row))];
  const chart = Plot.plot({
    ariaLabel: "Privacy against intrusiveness: people still detected against colour change inside the mask",
    width,
    height: 280,
    marginTop: MARGIN.top,
    marginRight: MARGIN.right,
    marginBottom: MARGIN.bottom,
    marginLeft: MARGIN.left,
    style: CHART_STYLE,
    x: {
      domain: [0, xMax],
      nice: true,
      tickFormat: "%",
      label: "mean colour change inside the mask (intrusiveness) →",
    },
    y: {
      domain: [-0.4, before + 0.2],
      ticks: Array.from({ length: before + 1 }, (_, i) => i).filter(
        (i) => i % Math.max(1, Math.ceil(before / 5)) === 0,
      ),
      tickFormat: "d",
      grid: true,
      label: "↑ people still detected (of those found before)",
    },
    marks: [
      labelledRuleY(before, `found before: ${before}`),
      Plot.dot(points, {
        x: "x",
        y: "y",
        r: 6,
        fill: "color",
        stroke: "var(--theme-background, #fff)",
        strokeWidth: 1.5,
        title: "title",
      }),
      ...labelRows.map((row) =>
        Plot.text(
          rows.filter((r) => r.row === row),
          {
            ...TEXT_HALO,
            x: "x",
            y: "y",
            text: "label",
            dy: -10 - 13 * row,
            textAnchor: "start",
            dx: -3,
            fontWeight: 600,
            fill: "color",
          },
        ),
      ),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id: "tradeoff-chart" });
}
