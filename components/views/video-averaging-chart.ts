// The averaging attack as a chart (data/video-summary.json, "averaging", as `npm run video-eval` measured it):
// people the detector finds on the mean of N hidden frames of a still scene, against N, one line per method and
// choice of seeds (dashed: one seed), with the people it finds on the original as a dashed line, and a legend. The table beside it
// (video-averaging.ts) gives the same figures in words.
import * as Plot from "@observablehq/plot";
import { OBFUSCATION_METHODS } from "../core/obfuscate.js";
import { METHOD_COLORS } from "./chart-colors.js";
import { CHART_STYLE, labelledRuleY, withGroupRoles } from "./chart-parts.js";
import type { AveragingRow, AveragingSummary } from "./video-averaging.js";

interface Series {
  readonly rows: readonly AveragingRow[];
  readonly label: string;
}

/** The rows as lines: rows of one method and radius that found the same people at every N share one line. */
export function averagingSeries(summary: AveragingSummary): Series[] {
  const groups = new Map<string, AveragingRow[]>();
  for (const row of summary.rows) {
    const key = JSON.stringify([row.method, row.radius, row.stillFound]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((rows) => {
    const [row] = rows as [AveragingRow];
    const seeds = rows.length > 1 ? "either seed" : row.seedPerFrame ? "a seed per frame" : "one seed";
    return { rows, label: `${OBFUSCATION_METHODS[row.method].label} r ${row.radius}, ${seeds}` };
  });
}

interface Point {
  readonly row: AveragingRow;
  readonly label: string;
  readonly oneSeed: boolean;
  readonly frames: number;
  readonly found: number;
}

export function AveragingChart(summary: AveragingSummary, { width }: { width: number }): HTMLElement {
  const points: Point[] = averagingSeries(summary).flatMap(({ rows, label }) =>
    summary.frames.map((frames, i) => ({
      row: rows[0]!,
      label,
      oneSeed: rows.every((r) => !r.seedPerFrame),
      frames,
      found: rows[0]!.stillFound[i]!,
    })),
  );
  const colour = (p: Point) => METHOD_COLORS[p.row.method];
  const last = summary.frames.at(-1)!;
  const chart = Plot.plot({
    width,
    height: 280,
    marginRight: 20,
    style: CHART_STYLE,
    ariaLabel: `People the detector finds on the mean of 1 to ${last} hidden frames of a still scene, by method and seeds`,
    x: { type: "log", base: 2, ticks: summary.frames as number[], tickFormat: "d", label: "hidden frames averaged →" },
    y: { domain: [0, summary.peopleBefore], label: "↑ people the detector finds", grid: true },
    marks: [
      ...labelledRuleY(summary.peopleBefore, `${summary.peopleBefore} on the original`),
      // One seed dashed, a seed per frame (or either) solid.
      ...[true, false].map((oneSeed) =>
        Plot.line(
          points.filter((p) => p.oneSeed === oneSeed),
          {
            x: "frames",
            y: "found",
            z: "label",
            stroke: colour,
            strokeWidth: 2,
            ...(oneSeed ? { strokeDasharray: "3 3" } : {}),
          },
        ),
      ),
      Plot.dot(points, {
        x: "frames",
        y: "found",
        fill: colour,
        r: 3,
        tip: true,
        title: (p: Point) => `${p.label}: ${p.found} of ${summary.peopleBefore} found on the mean of ${p.frames}`,
      }),
    ],
  });
  // A legend under the chart: end labels would overlap where lines meet (several at 0).
  const legend = document.createElement("p");
  legend.className = "averaging-legend";
  legend.style.cssText = "display:flex;flex-wrap:wrap;gap:0.25rem 1rem;margin:0.25rem 0;font:11px var(--sans-serif);";
  for (const { rows, label } of averagingSeries(summary)) {
    const item = document.createElement("span");
    const swatch = document.createElement("span");
    swatch.setAttribute("aria-hidden", "true");
    const dashed = rows.every((r) => !r.seedPerFrame);
    swatch.style.cssText = `display:inline-block;width:1.8em;vertical-align:middle;margin-right:0.3em;border-top:2px ${dashed ? "dashed" : "solid"} ${METHOD_COLORS[rows[0]!.method]};`;
    item.append(swatch, label);
    legend.append(item);
  }
  const figure = document.createElement("div");
  figure.append(withGroupRoles(chart), legend);
  return figure;
}
