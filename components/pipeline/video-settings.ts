// Settings of the pipeline on moving pictures: the photo settings, plus how often each model runs, how long a
// person no longer found stays hidden, and whether each frame draws its own random choices.
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
  /** Each frame obfuscated with its own seed, derived from `seed` and the frame's index; else `seed` on every frame. */
  readonly seedPerFrame: boolean;
}

// Chosen with `npm run video-eval` on the sample clip (data/video-summary.json; README "Moving pictures").
export const DEFAULT_VIDEO_SETTINGS: VideoSettings = {
  ...DEFAULT_SETTINGS,
  detectEvery: 1,
  segmentEvery: 2,
  memory: 5,
  seedPerFrame: true,
};

/** The fast profile: the 2019 method (one segmentation per detector box) at medium detail, models on every 4th frame. */
export const FAST_VIDEO_PROFILE: Partial<VideoSettings> = {
  mode: "boxes",
  internalResolution: "medium",
  detectEvery: 4,
  segmentEvery: 4,
};

export const VIDEO_LIMITS = {
  detectEvery: [1, 30],
  segmentEvery: [1, 30],
  memory: [0, 60],
} as const satisfies Partial<Record<keyof VideoSettings, readonly [number, number]>>;

/** Fills in defaults and throws a RangeError naming the first setting that is out of range. */
export function resolveVideoSettings(partial: Partial<VideoSettings> = {}): VideoSettings {
  const { detectEvery, segmentEvery, memory, seedPerFrame } = { ...DEFAULT_VIDEO_SETTINGS, ...partial };
  const photo = resolveSettings({ ...DEFAULT_VIDEO_SETTINGS, ...partial });
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
  if (typeof seedPerFrame !== "boolean")
    throw new RangeError(`seedPerFrame must be true or false, got ${seedPerFrame}`);
  return { ...photo, detectEvery, segmentEvery, memory, seedPerFrame };
}
