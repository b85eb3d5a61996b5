// The detector's answer as a table: the text equivalent of the score chart (ScoreChart), row for dot.
import { selectPeople } from "../core/detections.js";
import type { Detection } from "../core/types.js";
import { FigureTable } from "./figure-table.js";

/** One row per detection, highest score first: its class, score, and whether it counts as a person. */
export function ScoreTable(
  detections: readonly Detection[],
  { threshold, maxPeople }: { readonly threshold: number; readonly maxPeople: number },
): HTMLElement {
  const counted = new Set(selectPeople(detections, { minScore: threshold, maxPeople }));
  const rows = [...detections].sort((a, b) => b.score - a.score).map((d, i) => ({ rank: i + 1, detection: d }));
  return FigureTable(
    rows,
    [
      { label: "rank", value: (r) => String(r.rank), numeric: true },
      { label: "class", value: (r) => r.detection.label },
      { label: "score", value: (r) => r.detection.score.toFixed(2), numeric: true },
      {
        label: "counted as a person",
        value: ({ detection: d }) =>
          counted.has(d)
            ? "yes"
            : d.label !== "person"
              ? "no (another class)"
              : d.score >= threshold
                ? `no (past the limit of ${maxPeople})`
                : "no (under the threshold)",
      },
    ],
    { caption: `Every detection's score, highest first; threshold ${threshold.toFixed(2)}`, id: "score-table" },
  );
}
