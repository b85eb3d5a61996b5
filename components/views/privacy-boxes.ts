// The hidden photo with each person the detector found before: whether it (or, after a full check, any
// observer) still finds them, at a glance.
import type { RgbaImage } from "../core/types.js";
import type { FullCheck } from "../pipeline/check-everything.js";
import { FOUND_SCORE, type PersonCheck, type PrivacyCheck } from "../pipeline/match-people.js";
import { caption, layered } from "./paint.js";
import { personLabel } from "./person-label.js";
import { isFullCheck, judgesFinding } from "./privacy-judges.js";

/** Okabe–Ito vermillion and bluish green: told apart by most colour-blind readers; solid vs dashed too. */
export const STILL_FOUND_COLOR = "#d55e00";
export const HIDDEN_COLOR = "#009e73";
/** White label text on these two fails contrast (3.4:1, 3.9:1): labels sit on darker shades (5.7:1, 5.2:1). */
const LABEL_HIDDEN_COLOR = "#00755a";
const LABEL_FOUND_COLOR = "#b34f00";

/**
 * The image with each person found before: a solid vermillion box when the detector (after a full check: any
 * judge) still finds them, a dashed green box when none does, labelled P1, P2, … (as in the table and the
 * sweep) and, after a full check, with the judges that still find them.
 */
export function PrivacyBoxes(
  image: RgbaImage,
  check: PrivacyCheck | FullCheck,
  {
    id,
    label = "The hidden photo with the people found before",
    small = false,
  }: { id?: string; label?: string; small?: boolean } = {},
): HTMLElement {
  const { figure, svg } = layered(image, { label });
  const unit = image.width / (small ? 260 : 640); // roughly one screen pixel, in photo pixels
  const fontSize = (small ? 10 : 12) * unit;
  const full = isFullCheck(check);
  const found = (d: PersonCheck) => (full ? (d as FullCheck["people"][number]).foundByAny : d.stillFound);
  const finders = (d: PersonCheck) => (full ? judgesFinding(d as FullCheck["people"][number]) : []);
  const g = svg.selectAll("g").data(check.people).join("g");
  g.append("rect")
    .attr("x", (d) => d.box.x)
    .attr("y", (d) => d.box.y)
    .attr("width", (d) => d.box.width)
    .attr("height", (d) => d.box.height)
    .attr("fill", "none")
    .attr("stroke", (d) => (found(d) ? STILL_FOUND_COLOR : HIDDEN_COLOR))
    .attr("stroke-width", small ? 2 : 2.5)
    .attr("stroke-dasharray", (d) => (found(d) ? null : "5 3"))
    .attr("vector-effect", "non-scaling-stroke")
    .append("title")
    .text((d, i) =>
      full
        ? `${personLabel(i)}: ${
            found(d)
              ? `still found by ${finders(d)
                  .map((j) => j.name)
                  .join(", ")}`
              : "found by no observer"
          }`
        : `${personLabel(i)}: ${d.stillFound ? "still found" : "no longer found"} (score before ${d.scoreBefore.toFixed(2)}, after ${d.scoreAfter.toFixed(2)})`,
    );
  const text = (d: PersonCheck, i: number) => {
    if (small) return personLabel(i);
    if (!full) return `${personLabel(i)} ${d.scoreAfter.toFixed(2)}`;
    const by = finders(d).map((j) => j.short);
    return by.length ? `${personLabel(i)}: ${by.join(", ")}` : personLabel(i);
  };
  const width = (d: PersonCheck, i: number) => (text(d, i).length + 0.6) * fontSize * 0.6;
  const x = (d: PersonCheck, i: number) => Math.max(0, Math.min(d.box.x, image.width - width(d, i)));
  const y = (d: PersonCheck) => Math.max(0, d.box.y - fontSize * 1.3);
  g.append("rect")
    .attr("x", x)
    .attr("y", y)
    .attr("width", width)
    .attr("height", fontSize * 1.3)
    .attr("fill", (d) => (found(d) ? LABEL_FOUND_COLOR : LABEL_HIDDEN_COLOR));
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
  if (full) root.dataset.hidden = String(check.hidden);
  root.append(figure);
  return root;
}

/** A small box drawn like a person's box on the photo (solid vermillion: still found; dashed green: hidden), for text. */
export function VerdictMark(found: boolean): HTMLSpanElement {
  const span = document.createElement("span");
  span.setAttribute("aria-hidden", "true");
  span.style.cssText = `display:inline-block;width:0.9em;height:0.75em;margin-right:0.35em;vertical-align:-0.05em;border:2px ${found ? "solid" : "dashed"} ${found ? STILL_FOUND_COLOR : HIDDEN_COLOR};`;
  return span;
}

/** A legend for PrivacyBoxes; `full` for the boxes of a full check. */
export function PrivacyLegend({ full = false }: { full?: boolean } = {}): HTMLElement {
  const p = caption("");
  const entry = (found: boolean, text: string) => {
    const mark = VerdictMark(found);
    mark.style.marginLeft = "0.8em";
    p.append(mark, text);
  };
  if (full) {
    entry(false, "found by no observer (dashed box)");
    entry(true, "still found (solid box), by the observers named on its label");
  } else {
    entry(false, "no longer found by the detector (dashed box)");
    entry(true, `still found (solid box; score ≥ ${FOUND_SCORE}, same place)`);
  }
  return p;
}
