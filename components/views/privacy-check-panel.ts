// The privacy check in words and a table: for each person the detector found in the photo, whether it still
// finds them in the result, and how sure it is. One wording for the home page and the privacy page; the
// counts are data attributes for tests.
import { DETECTION_FLOOR } from "../models/model-limits.js";
import { FOUND_SCORE, type PrivacyCheck } from "../pipeline/match-people.js";
import { personLabel } from "./person-label.js";
import { HIDDEN_COLOR, STILL_FOUND_COLOR } from "./privacy-boxes.js";

export interface PrivacyCheckPanelOptions {
  id?: string;
  /** Said after the verdict when someone is still found (what the visitor can change). */
  hint?: string;
}

export function PrivacyCheckPanel(check: PrivacyCheck, { id, hint }: PrivacyCheckPanelOptions = {}): HTMLElement {
  const panel = document.createElement("div");
  if (id) panel.id = id;
  panel.dataset.foundBefore = String(check.foundBefore);
  panel.dataset.stillFound = String(check.stillFound);
  const summary = document.createElement("p");
  const verdict = document.createElement("strong");
  verdict.textContent = verdictText(check);
  summary.append(verdict);
  if (check.stillFound > 0 && hint) summary.append(` ${hint}`);
  panel.append(summary);
  if (check.foundBefore > 0) panel.append(PrivacyTable(check));
  return panel;
}

/** The panel's one-sentence answer. */
export function verdictText({ foundBefore, stillFound }: Pick<PrivacyCheck, "foundBefore" | "stillFound">): string {
  const people = `${foundBefore} ${foundBefore === 1 ? "person" : "people"}`;
  if (foundBefore === 0)
    return `The detector found nobody with a score of ${FOUND_SCORE} or more in the photo, so there is nothing to check.`;
  if (stillFound === 0) return `Hidden: the detector finds none of the ${people} it saw in the photo.`;
  return `Still visible: the detector finds ${stillFound} of the ${people} it saw in the photo.`;
}

/** One row per person found before: score before, best matching score after, verdict. */
function PrivacyTable(check: PrivacyCheck): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "privacy-table";
  table.innerHTML =
    "<thead><tr><th>Person</th><th>Score before</th><th>Score after</th><th>After hiding</th></tr></thead>";
  const body = table.createTBody();
  check.people.forEach((p, i) => {
    const row = body.insertRow();
    row.dataset.stillFound = String(p.stillFound);
    const cells = [
      personLabel(i),
      p.scoreBefore.toFixed(2),
      // The detector reports nothing under its floor.
      p.scoreAfter > 0 ? p.scoreAfter.toFixed(2) : `< ${DETECTION_FLOOR.toFixed(2)}`,
      p.stillFound ? "still found" : "no longer found",
    ];
    for (const text of cells) row.insertCell().textContent = text;
    const verdict = row.cells[3]!;
    verdict.style.color = p.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR;
    verdict.style.fontWeight = "600";
    for (const cell of [row.cells[1]!, row.cells[2]!]) cell.style.fontVariantNumeric = "tabular-nums";
  });
  return table;
}
