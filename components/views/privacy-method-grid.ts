// Every method on the same mask, side by side: each small result with who the detector still finds in it and
// how much it changed.
import { OBFUSCATION_METHOD_IDS } from "../core/obfuscate.js";
import type { MethodResult } from "../pipeline/compare-methods.js";
import { PrivacyBoxes, VerdictMark } from "./privacy-boxes.js";
import type { StatusUpdate } from "./status-line.js";

/** A grid of small results, one per method, each with its residual detection and how much it changed. */
export function PrivacyMethodGrid(results: readonly MethodResult[]): HTMLElement {
  const grid = document.createElement("div");
  grid.className = "privacy-method-grid";
  grid.style.cssText = "display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,135px),1fr));gap:0.8rem;";
  for (const r of results) {
    const cell = document.createElement("figure");
    cell.dataset.method = r.method;
    cell.dataset.still = String(r.check.stillFound);
    cell.style.cssText = "margin:0;max-width:none;";
    const title = document.createElement("strong");
    title.textContent = r.label;
    title.style.cssText = "display:block;margin-bottom:0.3rem;";
    const stats = document.createElement("figcaption");
    stats.style.cssText = "font-size:0.85rem;margin-top:0.3rem;line-height:1.4;";
    const found = document.createElement("span");
    found.textContent = `${r.check.stillFound} of ${r.check.foundBefore} still found`;
    found.style.fontWeight = "600";
    stats.append(
      VerdictMark(r.check.stillFound > 0),
      found,
      document.createElement("br"),
      `${(100 * r.changedShare).toFixed(1)}% of the photo changed`,
      document.createElement("br"),
      `colour change in the mask ${(100 * r.colourChange).toFixed(0)}%`,
    );
    cell.append(title, PrivacyBoxes(r.image, r.check, { small: true, label: `${r.label}: the result` }), stats);
    grid.append(cell);
  }
  return grid;
}

/** The grid's status line while the methods are tried one by one. */
export function methodGridStatus(results: readonly MethodResult[]): StatusUpdate {
  const total = OBFUSCATION_METHOD_IDS.length;
  return results.length < total
    ? {
        state: "running",
        text: "Hiding with each method and running the detector again…",
        progress: results.length / total,
      }
    : { state: "done", text: `All ${total} methods checked.` };
}
