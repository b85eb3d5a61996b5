// The evaluation's judges as tables (data/eval-summary.json): who still finds the people after each method and
// strength, who is re-identified, what the scene keeps, the trade-off, and the defaults against the targets.
// Each is also the text equivalent of a chart on the privacy page.
import { OBFUSCATION_METHODS } from "../core/obfuscate.js";
import {
  defaultTargets,
  type EvalResidualRow,
  type EvalSummary,
  judged2019,
  judgedResiduals,
  reidChance,
  type TradeoffRow,
} from "../pipeline/eval-summary.js";
import { countOf, OBSERVER_NAMES, targetFigures } from "./eval-figures.js";
import { type Column, FigureTable } from "./figure-table.js";
import { percent } from "./percent.js";
import { tradeoffLabel, tradeoffOrder } from "./privacy-tradeoff-chart.js";

/** A residual row's name: the method, its radius, and the mask when it is not the default's. */
export function rowName(summary: EvalSummary, r: EvalResidualRow): string {
  if (r.mode !== summary.settings.mode) return `2019 method (${r.mode}, fuzz r ${r.radius})`;
  const grown = r.growth === summary.settings.growth ? "" : `, mask grown ${r.growth} px`;
  const isDefault = r.method === summary.settings.method && r.radius === summary.settings.radius && !grown;
  return `${OBFUSCATION_METHODS[r.method].label} r ${r.radius}${grown}${isDefault ? " (default)" : ""}`;
}

const share = (value: number) => percent(value, 1);

/** Every mask variant: the text equivalent of the recall–precision chart. */
export function MasksTable(summary: EvalSummary): HTMLElement {
  return FigureTable(
    summary.masks,
    [
      { label: "Mode", value: (r) => r.mode },
      { label: "threshold", value: (r) => String(r.segmentationThreshold), numeric: true },
      { label: "growth (px)", value: (r) => String(r.growth), numeric: true },
      { label: "recall", value: (r) => r.recall.toFixed(3), numeric: true },
      { label: "precision", value: (r) => r.precision.toFixed(3), numeric: true },
      { label: "people ≥ 90% hidden", value: (r) => share(r.covered90), numeric: true },
    ],
    { id: "masks-table", caption: `Every mask variant on the ${summary.images} labelled photos` },
  );
}

/** Every row the observers judged (the default mask's methods and radii, and the 2019 method) and the originals. */
export function ObserversTable(summary: EvalSummary): HTMLElement {
  type Row = { name: string; observers: EvalSummary["before"]["observers"]; faces: string };
  const before: Row = {
    name: "before hiding (the originals)",
    observers: summary.before.observers,
    faces: `${summary.before.faces} found`,
  };
  const rows: Row[] = [before, ...judgedResiduals(summary), judged2019(summary)].map((r) =>
    "method" in r
      ? { name: rowName(summary, r), observers: r.observers, faces: `${r.faces.foundAgain} of ${r.faces.before}` }
      : r,
  );
  const columns: Column<Row>[] = [
    { label: "Method", value: (r) => r.name },
    ...(["cocoSsd", "centerNet", "pose"] as const).map(
      (key): Column<Row> => ({ label: OBSERVER_NAMES[key], value: (r) => share(r.observers[key]), numeric: true }),
    ),
    { label: "faces found again", value: (r) => r.faces, numeric: true },
    { label: `found by ${OBSERVER_NAMES.any}`, value: (r) => share(r.observers.any), numeric: true },
  ];
  return FigureTable(rows, columns, {
    id: "observers-table",
    caption: `Share of the ${summary.people} labelled people each observer still finds`,
  });
}

/** The rows with re-identification and the scene measured: the default mask's, its growths, and the 2019 method. */
function sceneRows(summary: EvalSummary): EvalResidualRow[] {
  return summary.residual.filter((r) => r.reid !== null);
}

export function ReidTable(summary: EvalSummary): HTMLElement {
  const chance = reidChance(summary);
  return FigureTable(
    sceneRows(summary),
    [
      { label: "Method", value: (r) => rowName(summary, r) },
      { label: "rank 1", value: (r) => share(r.reid!.rank1), numeric: true },
      { label: "rank 5", value: (r) => share(r.reid!.rank5), numeric: true },
      { label: "rank 1 × chance", value: (r) => `${(r.reid!.rank1 / chance).toFixed(1)}×`, numeric: true },
    ],
    {
      id: "reid-table",
      caption: `Hidden people matched back to their own original among all ${summary.gallery} by clothing colour (chance ${share(chance)})`,
    },
  );
}

export function UtilityTable(summary: EvalSummary): HTMLElement {
  const kept = (value: number, of: number) => `${countOf(value, of)} (${share(value)})`;
  return FigureTable(
    sceneRows(summary),
    [
      { label: "Method", value: (r) => rowName(summary, r) },
      { label: "all kept", value: (r) => kept(r.utility.kept, r.utility.objects), numeric: true },
      { label: "not on a person, kept", value: (r) => kept(r.utility.keptClear, r.utility.clear), numeric: true },
      {
        label: "untouched by the mask, kept",
        value: (r) => kept(r.utility.keptUntouched, r.utility.untouched),
        numeric: true,
      },
      { label: "painted in, per 10 photos", value: (r) => r.utility.paintedPer10.toFixed(1), numeric: true },
    ],
    {
      id: "utility-table",
      caption: `The other objects COCO-SSD found in the ${summary.images} originals, after hiding`,
    },
  );
}

export function TradeoffTable(summary: EvalSummary): HTMLElement {
  return FigureTable(
    tradeoffOrder(summary),
    [
      { label: "Method", value: (r: TradeoffRow) => tradeoffLabel(r) },
      {
        label: "worst observer",
        value: (r) => `${share(r.worst.share)} (${OBSERVER_NAMES[r.worst.key]})`,
        numeric: true,
      },
      { label: "any observer", value: (r) => share(r.any), numeric: true },
      {
        label: "re-identified at rank 1",
        value: (r) => `${share(r.rank1)} (${r.timesChance.toFixed(1)}×)`,
        numeric: true,
      },
      { label: "other objects kept", value: (r) => share(r.kept), numeric: true },
    ],
    { id: "tradeoff-table", caption: "Privacy, recognisability and utility of every method and strength" },
  );
}

export function TargetsTable(summary: EvalSummary): HTMLElement {
  return FigureTable(
    defaultTargets(summary),
    [
      { label: "Measure", value: (t) => t.measure },
      { label: "target", value: (t) => targetFigures(t).target, numeric: true },
      { label: "defaults", value: (t) => targetFigures(t).value, numeric: true },
      { label: "met", value: (t) => (t.met ? "yes" : "no") },
    ],
    {
      id: "targets-table",
      caption: `The defaults against the targets (${summary.images} photos, ${summary.people} people)`,
      rowClass: (t) => (t.met ? "target-met" : "target-missed"),
    },
  );
}
