// The obfuscation methods behind one signature, so the site, the CLI and the evaluation can offer
// them by id. `radius` is the single strength knob; each method says how it reads it.
import { fuzz } from "./fuzz.js";
import { backgroundFill } from "./methods/background-fill.js";
import { backgroundFuzz } from "./methods/background-fuzz.js";
import { blur } from "./methods/blur.js";
import { fill } from "./methods/fill.js";
import { pixelate } from "./methods/pixelate.js";
import type { Mask, RgbaImage } from "./types.js";

export type ObfuscationMethod = "fuzz" | "pixelate" | "blur" | "fill" | "background" | "background-fuzz";

export interface ObfuscationParameters {
  /** Strength, an integer ≥ 0 (see each method's description). */
  readonly radius: number;
  /** Seed for methods that draw random numbers. */
  readonly seed: number;
}

export interface ObfuscationMethodInfo {
  readonly id: ObfuscationMethod;
  readonly label: string;
  /** One or two plain sentences for a settings panel. */
  readonly description: string;
  /** Returns a new image; pixels outside the mask are byte-identical to the input. */
  readonly apply: (image: RgbaImage, mask: Mask, parameters: ObfuscationParameters) => RgbaImage;
}

export const OBFUSCATION_METHODS: Readonly<Record<ObfuscationMethod, ObfuscationMethodInfo>> = {
  fuzz: {
    id: "fuzz",
    label: "Fuzz",
    description:
      "Each hidden pixel is swapped for a random pixel up to radius pixels away, so the person dissolves into noise made of their own surroundings.",
    apply: (image, mask, { radius, seed }) => fuzz(image, mask, { radius, seed }),
  },
  pixelate: {
    id: "pixelate",
    label: "Pixelate",
    description:
      "Hidden pixels become the average colour of their square block (2 × radius + 1 pixels wide), like a mosaic.",
    apply: (image, mask, { radius }) => pixelate(image, mask, { size: 2 * radius + 1 }),
  },
  blur: {
    id: "blur",
    label: "Blur",
    description: "Hidden pixels are blurred, roughly like a Gaussian whose width grows with the radius.",
    apply: (image, mask, { radius }) => blur(image, mask, { radius }),
  },
  fill: {
    id: "fill",
    label: "Fill",
    description: "Hidden pixels are painted a flat grey. Only the outline remains. The radius is not used.",
    apply: (image, mask) => fill(image, mask),
  },
  background: {
    id: "background",
    label: "Background",
    description:
      "Hidden pixels are painted with the nearest background, picked up to radius pixels around, so people fade into the scene.",
    apply: (image, mask, { radius, seed }) => backgroundFill(image, mask, { jitter: radius, seed }),
  },
  "background-fuzz": {
    id: "background-fuzz",
    label: "Background fuzz",
    description:
      "Each hidden pixel is swapped for a random background pixel up to radius pixels away (farther inside wide people), so the person becomes static made of the scene around them, none of their own colours.",
    apply: (image, mask, { radius, seed }) => backgroundFuzz(image, mask, { radius, seed }),
  },
};

/** The method ids in display order. */
export const OBFUSCATION_METHOD_IDS: readonly ObfuscationMethod[] = [
  "fuzz",
  "pixelate",
  "blur",
  "fill",
  "background",
  "background-fuzz",
];

export interface ObfuscateOptions {
  method?: ObfuscationMethod;
  radius?: number;
  seed?: number;
}

/** Hides the masked pixels with the chosen method; returns a new image. */
export function obfuscate(image: RgbaImage, mask: Mask, options: ObfuscateOptions = {}): RgbaImage {
  const { method = "fuzz", radius = 8, seed = 1 } = options;
  if (!Object.hasOwn(OBFUSCATION_METHODS, method)) {
    throw new RangeError(`method must be one of ${OBFUSCATION_METHOD_IDS.join(", ")}, got ${JSON.stringify(method)}`);
  }
  if (!Number.isInteger(radius) || radius < 0)
    throw new RangeError(`radius must be a non-negative integer, got ${radius}`);
  if (typeof seed !== "number" || !Number.isFinite(seed))
    throw new RangeError(`seed must be a finite number, got ${seed}`);
  return OBFUSCATION_METHODS[method].apply(image, mask, { radius, seed });
}
