// Every detection's score against the threshold, highest first: the detector's answer as a chart.
import * as Plot from "@observablehq/plot";
import { selectPeople } from "../core/detections.js";
import type { Detection } from "../core/types.js";
import { CHART_STYLE, labelledRuleY, withGroupRoles } from "./chart-parts.js";
import { OTHER_COLOR, PERSON_COLOR } from "./detection-boxes.js";

/**
 * One dot per detection, highest score first: orange for “person”, blue for the other classes, with the
 * threshold as a dashed line. Dots under the line are faint; a person over the line but past the people
 * limit is a hollow ring.
 */
export function ScoreChart(
  detections: readonly Detection[],
  { threshold, maxPeople, width }: { threshold: number; maxPeople: number; width: number },
): SVGSVGElement | HTMLElement {
  const counted = new Set(selectPeople(detections, { minScore: threshold, maxPeople }));
  const dots = detections.map((d, rank) => ({
    rank,
    score: d.score,
    color: d.label === "person" ? PERSON_COLOR : OTHER_COLOR,
    hollow: d.label === "person" && d.score >= threshold && !counted.has(d),
    opacity: d.score >= threshold ? 1 : 0.35,
    title: `${d.label} ${d.score.toFixed(2)}`,
  }));
  const chart = Plot.plot({
    ariaLabel: "Detection scores, highest first, with the threshold",
    width,
    height: 220,
    marginLeft: 36,
    marginBottom: 28,
    style: CHART_STYLE,
    x: { type: "band", domain: dots.map((d) => d.rank), axis: null, padding: 0.3 },
    y: { domain: [0, 1], grid: true, label: null },
    opacity: { type: "identity" },
    marks: [
      Plot.dot(dots, {
        x: "rank",
        y: "score",
        r: Math.max(2.5, Math.min(6, (0.35 * width) / Math.max(1, dots.length))),
        stroke: "color",
        fill: (d) => (d.hollow ? "none" : d.color),
        strokeWidth: 1.5,
        fillOpacity: "opacity",
        strokeOpacity: "opacity",
        title: "title",
      }),
      labelledRuleY(threshold, `threshold ${threshold.toFixed(2)}`),
      Plot.text([`${dots.length} detections, highest score first →`], {
        frameAnchor: "bottom-left",
        textAnchor: "start",
        dy: 18,
      }),
    ],
  });
  return Object.assign(withGroupRoles(chart), { id: "score-chart" });
}
