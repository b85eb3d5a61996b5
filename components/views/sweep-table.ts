// The radius sweep as a table: the text equivalent of its two charts (sweep-charts.ts), one row per radius.
import { FOUND_SCORE } from "../pipeline/match-people.js";
import type { Sweep } from "../pipeline/sweep-radius.js";
import { type Column, FigureTable } from "./figure-table.js";
import { percent } from "./percent.js";
import { personLabel } from "./person-label.js";

type Point = Sweep["points"][number];

/** Per radius done so far: each person's detector score, how many are still found, and BodyPix inside the mask. */
export function SweepTable(sweep: Sweep, { threshold }: { readonly threshold: number }): HTMLElement {
  const people: Column<Point>[] = Array.from({ length: sweep.people }, (_, i) => ({
    label: `${personLabel(i)} score`,
    value: (p) => (p.scores[i] ?? 0).toFixed(2),
    numeric: true,
  }));
  return FigureTable(
    sweep.points,
    [
      { label: "radius (px)", value: (p) => String(p.radius), numeric: true },
      ...people,
      {
        label: `still found (score ≥ ${FOUND_SCORE})`,
        value: (p) => `${p.stillFound} of ${sweep.people}`,
        numeric: true,
      },
      { label: "BodyPix mean probability in the mask", value: (p) => p.meanProbability.toFixed(2), numeric: true },
      { label: `mask still marked (≥ ${threshold})`, value: (p) => percent(p.markedShare), numeric: true },
    ],
    { caption: "The detector and BodyPix on the hidden photo, by radius", id: "sweep-table" },
  );
}
