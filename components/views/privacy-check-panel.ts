// The privacy check in words and tables: for each person the detector found in the photo, whether it (and,
// after a full check, each independent observer) still finds them in the result; and, after a full check,
// what the scene kept: "people hidden: n of n; other objects kept: k of m". One view for the home page and
// the privacy page; the counts are data attributes for tests.
import { KEPT_SCORE, OBJECT_SCORE, ON_PERSON_SHARE } from "../core/scene-objects.js";
import { DETECTION_FLOOR } from "../models/model-limits.js";
import { checkCounts, type FullCheck, type FullPersonCheck } from "../pipeline/check-everything.js";
import { FOUND_SCORE, type PersonCheck, type PrivacyCheck } from "../pipeline/match-people.js";
import { POSE_MIN_KEYPOINTS } from "../pipeline/observer-check.js";
import { captionedTable, scrolling } from "./figure-table.js";
import { personLabel } from "./person-label.js";
import { VerdictMark } from "./privacy-boxes.js";
import { isFullCheck, JUDGES, judgesFinding } from "./privacy-judges.js";

export interface PrivacyCheckPanelOptions {
  id?: string;
  /** Said after the verdict when someone is still found (what the visitor can change). */
  hint?: string;
}

/** A detector-only check (checkPrivacy) or a full one (checkEverything): the panel shows what it holds. */
export function PrivacyCheckPanel(
  check: PrivacyCheck | FullCheck,
  { id, hint }: PrivacyCheckPanelOptions = {},
): HTMLElement {
  const panel = document.createElement("div");
  panel.className = "privacy-check-panel";
  if (id) panel.id = id;
  panel.dataset.foundBefore = String(check.foundBefore);
  panel.dataset.stillFound = String(check.stillFound);
  const full = isFullCheck(check);
  const summary = document.createElement("p");
  const verdict = document.createElement("strong");
  verdict.textContent = full ? fullVerdictText(check) : verdictText(check);
  summary.append(verdict);
  const someoneFound = full ? check.hidden < check.foundBefore : check.stillFound > 0;
  if (someoneFound && hint) summary.append(` ${hint}`);
  panel.append(summary);
  if (full) {
    const counts = checkCounts(check);
    Object.assign(panel.dataset, {
      hidden: String(counts.hidden),
      objects: String(counts.objects),
      kept: String(counts.kept),
      painted: String(counts.painted),
    });
    const line = document.createElement("p");
    line.className = "privacy-counts";
    line.textContent = countsText(check);
    panel.append(line);
  }
  if (check.foundBefore > 0) panel.append(scrolling(full ? ObserverTable(check) : DetectorTable(check)));
  if (full && (check.scene.objects.length > 0 || check.scene.painted.length > 0))
    panel.append(scrolling(SceneTable(check)));
  return panel;
}

/** The detector-only answer in one sentence. */
export function verdictText({ foundBefore, stillFound }: Pick<PrivacyCheck, "foundBefore" | "stillFound">): string {
  const people = `${foundBefore} ${foundBefore === 1 ? "person" : "people"}`;
  if (foundBefore === 0)
    return `The detector found nobody with a score of ${FOUND_SCORE} or more in the photo, so there is nothing to check.`;
  if (stillFound === 0) return `Hidden: the detector finds none of the ${people} it saw in the photo.`;
  return `Still visible: the detector finds ${stillFound} of the ${people} it saw in the photo.`;
}

/** The full check's answer in one sentence, naming the judges that still find someone. */
export function fullVerdictText(check: FullCheck): string {
  const { foundBefore, hidden } = check;
  if (foundBefore === 0) return verdictText(check);
  const people = `${foundBefore} ${foundBefore === 1 ? "person" : "people"}`;
  if (hidden === foundBefore) return `Hidden: no observer finds any of the ${people} the detector saw in the photo.`;
  const found = foundBefore - hidden;
  const by = JUDGES.map((judge) => ({
    judge,
    count: check.people.filter((p) => judgesFinding(p).includes(judge)).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ judge, count }) => `${judge.name} ${count}`);
  return `Still visible: ${found} of the ${people} the detector saw ${found === 1 ? "is" : "are"} still found (${by.join(", ")}).`;
}

/** "People hidden: n of n; other objects kept: k of m" (and any painted in). */
export function countsText(check: FullCheck): string {
  const { people, hidden, objects, kept, painted } = checkCounts(check);
  const scene = objects === 0 ? "no other object found in the photo" : `other objects kept: ${kept} of ${objects}`;
  const paintedIn = painted === 0 ? "" : `; objects painted in: ${painted}`;
  return `People hidden: ${hidden} of ${people}; ${scene}${paintedIn}.`;
}

/** The people's tables (class privacy-table: one row per person). */
function table(caption: string, headers: readonly string[], className = "privacy-table"): HTMLTableElement {
  const t = captionedTable(
    caption,
    headers.map((label) => ({ label })),
  );
  t.className = className;
  return t;
}

const sceneTable = (caption: string, headers: readonly string[]) => table(caption, headers, "privacy-scene-table");

/** A verdict: a mark shaped like the person's box on the photo (solid: still found; dashed: hidden) and words. */
function verdictCell(row: HTMLTableRowElement, found: boolean, text: string): void {
  const cell = row.insertCell();
  const words = document.createElement("span");
  words.textContent = text;
  words.style.fontWeight = "600";
  cell.append(VerdictMark(found), words);
  cell.style.whiteSpace = "nowrap";
}

/** A judge's cell: what it says after hiding, and the figure it was read from, before → after. */
function judgeCell(row: HTMLTableRowElement, found: boolean, detail: string): void {
  const cell = row.insertCell();
  const verdict = document.createElement("span");
  verdict.textContent = found ? "finds" : "no";
  verdict.style.fontWeight = found ? "600" : "";
  const small = document.createElement("small");
  small.textContent = detail;
  small.style.cssText = "display:block;color:var(--theme-foreground-muted);font-variant-numeric:tabular-nums;";
  cell.append(verdict, small);
}

const score = (s: number) => (s > 0 ? s.toFixed(2) : `< ${DETECTION_FLOOR.toFixed(2)}`);

/** One row per person found before: score before, best matching score after, verdict. */
function DetectorTable(check: PrivacyCheck): HTMLTableElement {
  const t = table("The detector on the result, per person", ["Person", "Score before", "Score after", "After hiding"]);
  const body = t.tBodies[0]!;
  check.people.forEach((p: PersonCheck, i) => {
    const row = body.insertRow();
    row.dataset.stillFound = String(p.stillFound);
    row.insertCell().textContent = personLabel(i);
    for (const value of [p.scoreBefore.toFixed(2), score(p.scoreAfter)]) {
      const cell = row.insertCell();
      cell.textContent = value;
      cell.style.fontVariantNumeric = "tabular-nums";
    }
    verdictCell(row, p.stillFound, p.stillFound ? "still found" : "no longer found");
  });
  return t;
}

/** One row per person found before: what each judge says after hiding, and the verdict over all of them. */
function ObserverTable(check: FullCheck): HTMLTableElement {
  const t = table("Who still finds each person after hiding (before → after)", [
    "Person",
    ...JUDGES.map((j) => `${j.model}`),
    "Verdict",
  ]);
  const body = t.tBodies[0]!;
  check.people.forEach((p: FullPersonCheck, i) => {
    const { before, after } = p.observers;
    const row = body.insertRow();
    row.dataset.stillFound = String(p.stillFound);
    row.dataset.foundByAny = String(p.foundByAny);
    row.dataset.foundBy = judgesFinding(p)
      .map((j) => j.key)
      .join(" ");
    const name = document.createElement("th");
    name.scope = "row";
    name.textContent = personLabel(i);
    row.append(name);
    judgeCell(row, p.stillFound, `${p.scoreBefore.toFixed(2)} → ${score(p.scoreAfter)}`);
    judgeCell(row, after.objects, `${score(before.objectScore)} → ${score(after.objectScore)}`);
    judgeCell(row, after.pose, `${before.keypoints} → ${after.keypoints} points`);
    judgeCell(
      row,
      after.faces > 0,
      before.faces === 0
        ? "no face before"
        : `${before.faces} → ${after.faces} ${before.faces === 1 ? "face" : "faces"}`,
    );
    verdictCell(row, p.foundByAny, p.foundByAny ? "still found" : "hidden");
  });
  const note = t.createTFoot().insertRow().insertCell();
  note.colSpan = JUDGES.length + 2;
  note.style.cssText = "font-size:0.8rem;color:var(--theme-foreground-muted);";
  note.textContent =
    `Detectors: best “person” score in the same place (found at ${FOUND_SCORE} or more); ` +
    `pose: keypoints inside the box (found at ${POSE_MIN_KEYPOINTS} of 17); face: faces found again where they were.`;
  return t;
}

/** The photo's other objects, kept or lost, and any painted in. */
function SceneTable(check: FullCheck): HTMLTableElement {
  const t = sceneTable(
    `Other objects: found at ${OBJECT_SCORE} or more before, kept if found again at ${KEPT_SCORE} or more`,
    ["Object", "Score before", "On a person", "After hiding"],
  );
  const body = t.tBodies[0]!;
  for (const { object, kept, onPerson } of check.scene.objects) {
    const row = body.insertRow();
    row.dataset.kept = String(kept);
    row.insertCell().textContent = object.label;
    row.insertCell().textContent = object.score.toFixed(2);
    row.insertCell().textContent = onPerson >= ON_PERSON_SHARE ? "yes" : "no";
    row.insertCell().textContent = kept ? "kept" : "lost";
  }
  for (const object of check.scene.painted) {
    const row = body.insertRow();
    row.dataset.painted = "true";
    row.insertCell().textContent = object.label;
    row.insertCell().textContent = "—";
    row.insertCell().textContent = "";
    row.insertCell().textContent = `painted in (${object.score.toFixed(2)})`;
  }
  return t;
}
