// Colours of the methods and modes in the charts: Okabe–Ito, distinct for colour-blind readers and legible
// on both themes.
import type { ObfuscationMethod } from "../core/obfuscate.js";
import type { SegmentationMode } from "../pipeline/settings.js";

export const METHOD_COLORS: Readonly<Record<ObfuscationMethod, string>> = {
  fuzz: "#e69f00",
  pixelate: "#56b4e9",
  blur: "#cc79a7",
  fill: "#999999",
  background: "#009e73",
  "background-fuzz": "#d55e00",
};

export const MODE_COLORS: Readonly<Record<SegmentationMode, string>> = {
  boxes: "#e69f00",
  multi: "#56b4e9",
  union: "#cc79a7",
};
