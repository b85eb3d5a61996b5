// The hidden photo with each person the detector found before: whether it still finds them, at a glance.
import type { RgbaImage } from "../core/types.js";
import { FOUND_SCORE, type PersonCheck, type PrivacyCheck } from "../pipeline/match-people.js";
import { caption, layered } from "./paint.js";
import { personLabel } from "./person-label.js";

/** Okabe–Ito vermillion and bluish green: told apart by most colour-blind readers; solid vs dashed too. */
export const STILL_FOUND_COLOR = "#d55e00";
export const HIDDEN_COLOR = "#009e73";

/**
 * The image with each person found before: a solid vermillion box when the detector still finds them,
 * a dashed green box when it no longer does, labelled P1, P2, … (as in the table and the sweep).
 */
export function PrivacyBoxes(
  image: RgbaImage,
  check: PrivacyCheck,
  {
    id,
    label = "The hidden photo with the people found before",
    small = false,
  }: { id?: string; label?: string; small?: boolean } = {},
): HTMLElement {
  const { figure, svg } = layered(image, { label });
  const unit = image.width / (small ? 260 : 640); // roughly one screen pixel, in photo pixels
  const fontSize = (small ? 10 : 12) * unit;
  const g = svg.selectAll("g").data(check.people).join("g");
  g.append("rect")
    .attr("x", (d) => d.box.x)
    .attr("y", (d) => d.box.y)
    .attr("width", (d) => d.box.width)
    .attr("height", (d) => d.box.height)
    .attr("fill", "none")
    .attr("stroke", (d) => (d.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR))
    .attr("stroke-width", small ? 2 : 2.5)
    .attr("stroke-dasharray", (d) => (d.stillFound ? null : "5 3"))
    .attr("vector-effect", "non-scaling-stroke")
    .append("title")
    .text(
      (d, i) =>
        `${personLabel(i)}: ${d.stillFound ? "still found" : "no longer found"} (score before ${d.scoreBefore.toFixed(2)}, after ${d.scoreAfter.toFixed(2)})`,
    );
  const text = (d: PersonCheck, i: number) => (small ? personLabel(i) : `${personLabel(i)} ${d.scoreAfter.toFixed(2)}`);
  const width = (d: PersonCheck, i: number) => (text(d, i).length + 0.6) * fontSize * 0.6;
  const x = (d: PersonCheck, i: number) => Math.max(0, Math.min(d.box.x, image.width - width(d, i)));
  const y = (d: PersonCheck) => Math.max(0, d.box.y - fontSize * 1.3);
  g.append("rect")
    .attr("x", x)
    .attr("y", y)
    .attr("width", width)
    .attr("height", fontSize * 1.3)
    .attr("fill", (d) => (d.stillFound ? STILL_FOUND_COLOR : HIDDEN_COLOR));
  g.append("text")
    .attr("x", (d, i) => x(d, i) + fontSize * 0.3)
    .attr("y", (d) => y(d) + fontSize)
    .attr("font-size", fontSize)
    .attr("font-family", "var(--sans-serif)")
    .attr("fill", "#fff")
    .text(text);
  const root = document.createElement("div");
  if (id) root.id = id;
  root.dataset.before = String(check.foundBefore);
  root.dataset.still = String(check.stillFound);
  root.append(figure);
  return root;
}

/** A legend for PrivacyBoxes. */
export function PrivacyLegend(): HTMLElement {
  const p = caption("");
  const swatch = (color: string, dashed: boolean, text: string) => {
    const span = document.createElement("span");
    span.style.cssText = `display:inline-block;width:1em;height:0.7em;margin:0 0.3em 0 0.8em;vertical-align:-0.05em;border:2px ${dashed ? "dashed" : "solid"} ${color};`;
    p.append(span, text);
  };
  swatch(HIDDEN_COLOR, true, "no longer found by the detector");
  swatch(STILL_FOUND_COLOR, false, `still found (score ≥ ${FOUND_SCORE}, same place)`);
  return p;
}
