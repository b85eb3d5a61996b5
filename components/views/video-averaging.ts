// The averaging attack, as `npm run video-eval` measured it (data/video-summary.json, "averaging"): a still
// scene hidden frame after frame, the mean of the first N hidden frames given to the detector. One row per
// method and choice of seeds; every figure comes from the file.
import { OBFUSCATION_METHODS, type ObfuscationMethod } from "../core/obfuscate.js";

export interface AveragingRow {
  readonly method: ObfuscationMethod;
  readonly seedPerFrame: boolean;
  readonly radius: number;
  /** People found on the mean of `frames[i]` hidden frames. */
  readonly stillFound: readonly number[];
  readonly colourChangeInside: readonly number[];
  readonly flicker: number;
}

export interface AveragingSummary {
  readonly frames: readonly number[];
  readonly peopleBefore: number;
  readonly photos: readonly string[];
  readonly noise: number;
  readonly rows: readonly AveragingRow[];
}

/** A table: rows of method and seeds, columns of the number of frames averaged; a caption says what was done. */
export function AveragingTable(summary: AveragingSummary): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "averaging-table";
  const caption = table.createCaption();
  caption.textContent = `People the detector finds on the mean of N hidden frames, of the ${summary.peopleBefore} it finds on the original still scene (${summary.photos.length} sample photos, ±${summary.noise} of camera noise per frame); last columns: how far the mean's colours are from the original inside the mask after 1 and ${summary.frames.at(-1)} frames (0: the original), and the change from one frame to the next (flicker).`;
  const head = table.createTHead().insertRow();
  const th = (row: HTMLTableRowElement, text: string, scope: "col" | "row") => {
    const cell = document.createElement("th");
    cell.scope = scope;
    cell.textContent = text;
    row.append(cell);
  };
  th(head, "method, seeds", "col");
  for (const n of summary.frames) th(head, `N = ${n}`, "col");
  th(head, "colour change", "col");
  th(head, "flicker", "col");
  const body = table.createTBody();
  for (const row of summary.rows) {
    const tr = body.insertRow();
    th(
      tr,
      `${OBFUSCATION_METHODS[row.method].label} (r ${row.radius}), ${row.seedPerFrame ? "a seed per frame" : "one seed"}`,
      "row",
    );
    for (const found of row.stillFound) tr.insertCell().textContent = String(found);
    tr.insertCell().textContent = `${row.colourChangeInside[0]!.toFixed(3)} → ${row.colourChangeInside.at(-1)!.toFixed(3)}`;
    tr.insertCell().textContent = row.flicker.toFixed(3);
  }
  table.style.cssText = "font-variant-numeric:tabular-nums;max-width:none;";
  return table;
}

/** One sentence from the same figures: the most people found on any mean, against one hidden frame. */
export function averagingFinding(summary: AveragingSummary): string {
  const single = Math.max(...summary.rows.map((r) => r.stillFound[0]!));
  const averaged = Math.max(...summary.rows.map((r) => Math.max(...r.stillFound.slice(1))));
  return averaged <= single
    ? `Averaging did not help the detector: on the mean of 2 to ${summary.frames.at(-1)} frames it found at most ${averaged} of ${summary.peopleBefore} people, against up to ${single} on a single hidden frame.`
    : `Averaging helped the detector: on a mean of frames it found up to ${averaged} of ${summary.peopleBefore} people, against ${single} on a single hidden frame.`;
}
