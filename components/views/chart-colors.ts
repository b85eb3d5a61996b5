// Colours of the methods and modes in the charts: Okabe–Ito hues, told apart by colour-blind readers, darkened
// or lightened where needed so that every mark has at least 3:1 contrast on both themes' backgrounds (white and
// #161616). Text on charts stays in the theme's own colour: none of these reaches 4.5:1 on both.
import type { ObfuscationMethod } from "../core/obfuscate.js";
import type { SegmentationMode } from "../pipeline/settings.js";

export const METHOD_COLORS: Readonly<Record<ObfuscationMethod, string>> = {
  fuzz: "#b07800",
  pixelate: "#2f8fcf",
  blur: "#b85c93",
  fill: "#808080",
  background: "#009e73",
  "background-fuzz": "#d55e00",
};

export const MODE_COLORS: Readonly<Record<SegmentationMode, string>> = {
  boxes: "#b07800",
  multi: "#2f8fcf",
  union: "#b85c93",
};
