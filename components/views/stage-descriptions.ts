// The text alternatives of the stage views: what each image shows, in words, from the same data it is drawn
// from, so a screen reader hears the boxes, masks and result change as the visitor changes the settings.
import { selectPeople } from "../core/detections.js";
import type { Box, Detection } from "../core/types.js";
import { percent } from "./percent.js";

/** At most this many people are placed in words; the others are counted. */
const LISTED = 8;

interface Size {
  readonly width: number;
  readonly height: number;
}

/** Where a box's centre lies in the photo: "the top left", "the centre", "the right", … */
export function placeInPhoto(box: Box, size: Size): string {
  const third = (at: number, of: number) => Math.min(2, Math.max(0, Math.floor((3 * at) / of)));
  const row = ["top", "", "bottom"][third(box.y + box.height / 2, size.height)]!;
  const column = ["left", "centre", "right"][third(box.x + box.width / 2, size.width)]!;
  return `the ${row && column === "centre" ? row : [row, column].filter(Boolean).join(" ")}`;
}

/** "1 person" or "6 people". */
export function countOf(people: number): string {
  return `${people} ${people === 1 ? "person" : "people"}`;
}

/**
 * The detector's boxes in words: how many people count under these settings and where their boxes are (best
 * score first), and what else was drawn.
 */
export function describeBoxes(
  detections: readonly Detection[],
  { threshold, maxPeople }: { readonly threshold: number; readonly maxPeople: number },
  size: Size,
  { classes = "all" }: { readonly classes?: "person" | "all" } = {},
): string {
  const counted = selectPeople(detections, { minScore: threshold, maxPeople });
  const persons = detections.filter((d) => d.label === "person").length;
  const others = classes === "all" ? detections.filter((d) => d.label !== "person") : [];
  const places = counted
    .slice(0, LISTED)
    .map((d) => `${placeInPhoto(d.box, size)} (score ${d.score.toFixed(2)})`)
    .join(", ");
  const more = counted.length > LISTED ? `, and ${counted.length - LISTED} more` : "";
  const found = counted.length
    ? `${countOf(counted.length)} found: boxes around people at ${places}${more}.`
    : `No people found at score ${threshold.toFixed(2)} or more.`;
  const left = persons - counted.length;
  const doubtful = left
    ? ` ${left} doubtful ${left === 1 ? "guess is" : "guesses are"} drawn dashed, not counted.`
    : "";
  const labels = [...new Set(others.map((d) => d.label))];
  const other = others.length
    ? ` ${others.length} other ${others.length === 1 ? "object" : "objects"} boxed: ${labels.join(", ")}.`
    : "";
  return found + doubtful + other;
}

/**
 * The masks view in words: how many person masks (one per region segmented: in union mode a person has two) and
 * the share of the photo the grown mask covers.
 */
export function describeMasks({ masks, maskShare }: { readonly masks?: number; readonly maskShare?: number }): string {
  if (masks === undefined) return "The dimmed photo; each person's mask appears as they are segmented.";
  const drawn = masks ? `${masks} person ${masks === 1 ? "mask" : "masks"}, each in its own colour` : "no person mask";
  const hidden =
    maskShare === undefined ? "" : `; the white outline, the grown mask, covers ${percent(maskShare, 1)} of the pixels`;
  return `The dimmed photo: ${drawn}${hidden}.`;
}

/** What a result frame shows, in words. */
export interface ResultSummary {
  readonly people: number;
  /** Share of the photo's pixels replaced. */
  readonly hiddenShare: number;
  /** How, e.g. "Background fill". */
  readonly method: string;
}

export type ResultKind = "provisional" | "preview" | "final";

/** The result in words: who is hidden, how, and how much of the photo it took. */
export function describeResult(kind: ResultKind, { people, hiddenShare, method }: ResultSummary): string {
  if (kind === "provisional")
    return `The photo with an ellipse over each of the ${countOf(people)} found, while their masks are made: ${percent(hiddenShare, 1)} of the pixels are hidden.`;
  if (people === 0) return "The photo, unchanged: no people found, nothing hidden.";
  const preview = kind === "preview" ? " (a preview while a control moves)" : "";
  return `The photo with ${countOf(people)} hidden by ${method.toLowerCase()}${preview}: ${percent(hiddenShare, 1)} of the pixels are hidden.`;
}
