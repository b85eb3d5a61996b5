// The home page's privacy check: for each person the detector found in the photo, whether it still finds
// them in the result, and how sure it is. Data attributes carry the counts for tests.
import type { PrivacyCheck } from "../pipeline/match-people.js";

export function PrivacyCheckPanel(check: PrivacyCheck): HTMLElement {
  const panel = document.createElement("div");
  panel.id = "privacy-check";
  panel.dataset.foundBefore = String(check.foundBefore);
  panel.dataset.stillFound = String(check.stillFound);
  const summary = document.createElement("p");
  const strong = document.createElement("strong");
  strong.textContent =
    check.foundBefore === 0
      ? "The detector found nobody with a score of 0.5 or more in the photo, so there is nothing to check."
      : check.stillFound === 0
        ? `Hidden: the detector finds none of the ${check.foundBefore} people it saw in the photo.`
        : `Still visible: the detector finds ${check.stillFound} of the ${check.foundBefore} people it saw in the photo.`;
  summary.append(strong);
  if (check.stillFound > 0) summary.append(" Try a larger radius, more mask growth, or the background method.");
  panel.append(summary);
  if (check.foundBefore === 0) return panel;

  const table = document.createElement("table");
  table.innerHTML =
    "<thead><tr><th>person</th><th>score in the photo</th><th>score in the result</th><th></th></tr></thead>";
  const body = table.createTBody();
  check.people.forEach((person, i) => {
    const row = body.insertRow();
    const { x, y } = person.box;
    const cells = [
      `${i + 1} (at ${Math.round(x)}, ${Math.round(y)})`,
      person.scoreBefore.toFixed(2),
      person.scoreAfter > 0 ? person.scoreAfter.toFixed(2) : "not found",
      person.stillFound ? "still found" : "hidden",
    ];
    for (const text of cells) row.insertCell().textContent = text;
    row.style.color = person.stillFound ? "var(--theme-red)" : "";
  });
  panel.append(table);
  return panel;
}
