// Settings of the pipeline on moving pictures: the photo settings, plus how often each model runs, how long a
// person no longer found stays hidden, and whether each frame draws its own random choices.
import type { ObfuscationMethod } from "../core/obfuscate.js";
import { DEFAULT_SETTINGS, type PipelineSettings, resolveSettings } from "./settings.js";

export interface VideoSettings extends PipelineSettings {
  /** The detector runs on every n-th frame (1: every frame); between, people are carried by their motion. */
  readonly detectEvery: number;
  /**
   * The segmenter runs on every m-th frame, a multiple of detectEvery; between, each person's last mask follows
   * their detector box (or their motion), and people new since are hidden by the ellipse in their box.
   */
  readonly segmentEvery: number;
  /** Frames a person stays hidden after the models stop finding them (on top of the frames between segmenter runs). */
  readonly memory: number;
  /** Also run the detector on a frame between its runs when something moved where nobody is tracked. */
  readonly detectOnMotion: boolean;
  /**
   * Each frame obfuscated with its own seed, derived from `seed` and the frame's index; else `seed` on every frame.
   * By default it depends on the method (SEED_PER_FRAME).
   */
  readonly seedPerFrame: boolean;
}

// Chosen with `npm run video-eval` on the sample clip (data/video-summary.json; README "Moving pictures"): the
// detector on every frame, so a person is hidden from the first frame it finds them in; the segmenter on every
// third, which triples the rate of the frames between at no measured cost in privacy.
export const DEFAULT_VIDEO_SETTINGS: Omit<VideoSettings, "seedPerFrame"> = {
  ...DEFAULT_SETTINGS,
  detectEvery: 1,
  segmentEvery: 3,
  memory: 5,
  detectOnMotion: true,
};

/**
 * Whether each method draws fresh random choices on every frame, unless told (data/video-summary.json,
 * "averaging"). Measured, a seed per frame does not help against the detector: on the mean of N hidden frames
 * of a still scene it finds no more people than on one hidden frame, with one seed or with a seed per frame,
 * and a seed per frame is not the better of the two there. Fuzz takes a seed per frame for a risk that is not measured: it picks each pixel's source from the seed and
 * the pixel's position alone, so with one seed for the whole video every frame shares one map of offsets, and
 * whoever learns it (from frames where a source is known background, say) undoes much of the fuzz, as with a
 * known seed (core/unfuzz.ts). The measured costs of a seed per frame: the mean of many frames of a still person
 * tends to a blur of them, and the texture flickers. Background fill and background fuzz copy only background
 * pixels, so their random choices reveal nothing of a person: one seed (background fill measured, no difference
 * either way; background fuzz, added since, not measured). The other methods draw no random numbers.
 */
export const SEED_PER_FRAME: Readonly<Record<ObfuscationMethod, boolean>> = {
  fuzz: true,
  background: false,
  "background-fuzz": false,
  pixelate: false,
  blur: false,
  fill: false,
};

/**
 * The fast profile: the 2019 method (one segmentation per detector box) at low detail, the detector on every
 * second frame and the segmenter on every fourth, not on motion between: speed first. Someone who walks in
 * stays visible until the next detector run, a frame at most (data/video-summary.json gives the measured
 * schedules).
 */
export const FAST_VIDEO_PROFILE: Partial<VideoSettings> = {
  mode: "boxes",
  internalResolution: "low",
  detectEvery: 2,
  segmentEvery: 4,
  detectOnMotion: false,
};

export const VIDEO_LIMITS = {
  detectEvery: [1, 30],
  segmentEvery: [1, 30],
  memory: [0, 60],
} as const satisfies Partial<Record<keyof VideoSettings, readonly [number, number]>>;

/** Fills in defaults and throws a RangeError naming the first setting that is out of range. */
export function resolveVideoSettings(partial: Partial<VideoSettings> = {}): VideoSettings {
  const { detectEvery, segmentEvery, memory, detectOnMotion } = { ...DEFAULT_VIDEO_SETTINGS, ...partial };
  const photo = resolveSettings({ ...DEFAULT_VIDEO_SETTINGS, ...partial });
  const seedPerFrame = partial.seedPerFrame ?? SEED_PER_FRAME[photo.method];
  for (const [name, value] of [
    ["detectEvery", detectEvery],
    ["segmentEvery", segmentEvery],
    ["memory", memory],
  ] as const) {
    const [min, max] = VIDEO_LIMITS[name];
    if (!(Number.isInteger(value) && value >= min && value <= max)) {
      throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${value}`);
    }
  }
  if (segmentEvery % detectEvery !== 0) {
    throw new RangeError(`segmentEvery must be a multiple of detectEvery (${detectEvery}), got ${segmentEvery}`);
  }
  for (const [name, value] of [
    ["seedPerFrame", seedPerFrame],
    ["detectOnMotion", detectOnMotion],
  ] as const) {
    if (typeof value !== "boolean") throw new RangeError(`${name} must be true or false, got ${value}`);
  }
  return { ...photo, detectEvery, segmentEvery, memory, detectOnMotion, seedPerFrame };
}
