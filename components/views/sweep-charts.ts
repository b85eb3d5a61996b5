// The radius sweep as two charts, filling in as the sweep runs: the detector's score for each person, and
// BodyPix's person probability inside the mask, against the obfuscation radius.
import * as Plot from "@observablehq/plot";
import { FOUND_SCORE } from "../pipeline/match-people.js";
import type { Sweep } from "../pipeline/sweep-radius.js";
import { CHART_STYLE, labelledRuleY, withGroupRoles } from "./chart-parts.js";
import { css, personColor } from "./paint.js";
import { personLabel } from "./person-label.js";
import { STILL_FOUND_COLOR } from "./privacy-boxes.js";

/** Both charts' frame: the radii, evenly spaced (each step doubles), against a share or score from 0 to 1. */
function sweepFrame(sweep: Sweep, width: number, yLabel: string) {
  return {
    width,
    height: 260,
    style: CHART_STYLE,
    x: { type: "point", domain: sweep.radii, label: "radius (pixels; each step doubles) →", padding: 0.3 },
    y: { domain: [0, 1], grid: true, label: yLabel },
  } as const;
}

/**
 * The detector's best "person" score on each person found before, against the radius: one line per person
 * (P1, P2, … as on the photo), with the line under which they count as no longer found.
 */
export function SweepDetectorChart(sweep: Sweep, { width }: { width: number }): SVGSVGElement | HTMLElement {
  const people = Array.from({ length: sweep.people }, (_, i) => personLabel(i));
  const scores = sweep.points.flatMap((p) =>
    people.map((person, i) => ({ radius: p.radius, person, score: p.scores[i] ?? 0 })),
  );
  const chart = Plot.plot({
    ariaLabel: "Detector score of each person against the obfuscation radius",
    ...sweepFrame(sweep, width, "↑ detector's person score"),
    color: {
      type: "ordinal",
      domain: people,
      range: people.map((_, i) => css(personColor(i))),
      legend: people.length > 0,
    },
    marks: [
      labelledRuleY(FOUND_SCORE, `found at ${FOUND_SCORE}`, STILL_FOUND_COLOR),
      Plot.line(scores, { x: "radius", y: "score", stroke: "person", strokeWidth: 2 }),
      Plot.dot(scores, {
        x: "radius",
        y: "score",
        fill: "person",
        r: 3,
        title: (d) => `${d.person}, radius ${d.radius}: score ${d.score.toFixed(2)}`,
      }),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id: "sweep-detector-chart" });
}

/** BodyPix on the hidden image: mean person probability inside the mask, and the share still marked. */
export function SweepSegmenterChart(
  sweep: Sweep,
  { width, threshold }: { width: number; threshold: number },
): SVGSVGElement | HTMLElement {
  const mean = "mean person probability";
  const marked = `share of the mask still ≥ ${threshold}`;
  const values = sweep.points.flatMap((p) => [
    { radius: p.radius, series: mean, value: p.meanProbability },
    { radius: p.radius, series: marked, value: p.markedShare },
  ]);
  const chart = Plot.plot({
    ariaLabel: "BodyPix person probability inside the mask against the obfuscation radius",
    ...sweepFrame(sweep, width, "↑ BodyPix, inside the mask"),
    color: { type: "ordinal", domain: [mean, marked], range: ["#0072b2", "#e69f00"], legend: true },
    marks: [
      labelledRuleY(threshold, `mask threshold ${threshold}`),
      Plot.line(
        values.filter((d) => d.series === mean),
        { x: "radius", y: "value", stroke: "series", strokeWidth: 2.2 },
      ),
      Plot.line(
        values.filter((d) => d.series === marked),
        { x: "radius", y: "value", stroke: "series", strokeWidth: 2.2, strokeDasharray: "6 3" },
      ),
      Plot.dot(values, {
        x: "radius",
        y: "value",
        fill: "series",
        r: 3,
        title: (d) => `radius ${d.radius}: ${d.series} ${d.value.toFixed(2)}`,
      }),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id: "sweep-segmenter-chart" });
}
