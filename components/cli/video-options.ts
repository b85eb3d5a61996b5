// The command's video flags: declared for its parser (main.ts), explained in its help, and turned into the
// video settings that every video of a batch is hidden with (photos keep the photo settings).
import type { PipelineSettings } from "../pipeline/settings.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  resolveVideoSettings,
  type VideoSettings,
} from "../pipeline/video-settings.js";
import { INPUT_EXTENSIONS } from "./input-kind.js";

/** The video options, for the command's parseArgs. */
export const VIDEO_OPTIONS = {
  "detect-every": { type: "string" },
  "segment-every": { type: "string" },
  memory: { type: "string" },
  "frame-seeds": { type: "string" },
  motion: { type: "string" },
  fast: { type: "boolean" },
} as const;

const FAST = FAST_VIDEO_PROFILE;

export const VIDEO_HELP = `Videos are read and written with ffmpeg (${[...INPUT_EXTENSIONS.video].join(" ")};
.ts and .mts only when named, not in folders): PATH/NAME.ext gives DIR/PATH/NAME.mp4 (.m4v, .mov, .mkv and
.webm keep their container), same size and frame rate, every frame hidden, and with --mask
DIR/PATH/NAME.mask.mp4. Frames are written evenly at the video's frame rate (a variable rate becomes
constant); audio is dropped (voices are not hidden). A video is one input of the batch, on one worker; its
report entry lists every frame. Videos take the photo options too (--mode, --method, ...), and these:
  --detect-every N       run the detector on every N-th frame, tracking people between (${DEFAULT_VIDEO_SETTINGS.detectEvery})
  --segment-every M      run the segmenter on every M-th frame, a multiple of N; between, each person's
                         last mask follows their detector box (${DEFAULT_VIDEO_SETTINGS.segmentEvery})
  --memory N             keep hiding a person N frames after the models stop finding them (${DEFAULT_VIDEO_SETTINGS.memory})
  --motion on|off        also run the detector between its scheduled frames when something moves outside the
                         people tracked (${DEFAULT_VIDEO_SETTINGS.detectOnMotion ? "on" : "off"}; ${FAST.detectOnMotion ? "on" : "off"} with --fast)
  --frame-seeds S        per-frame: each frame its own seed, derived from --seed; same: --seed on every frame
                         (default: per-frame for fuzz, same for the other methods; see the README)
  --fast                 for videos, the fast profile: --mode ${FAST.mode} --resolution ${FAST.internalResolution} --detect-every ${FAST.detectEvery}
                         --segment-every ${FAST.segmentEvery} --motion off
                         (flags given explicitly win)
`;

type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

/**
 * What the video flags (and --fast) change for videos, over the photo settings given on the command line:
 * the fast profile only fills in what the user did not set. Throws a RangeError naming a malformed flag.
 */
export function videoOverridesFrom(options: RawOptions): Partial<VideoSettings> {
  const integer = (flag: string): number | undefined => {
    const text = options[flag];
    if (typeof text !== "string") return undefined;
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value))
      throw new RangeError(`--${flag} must be an integer, got "${text}"`);
    return value;
  };
  const fast = options.fast ? FAST : {};
  const profile: Partial<VideoSettings> = {
    ...(options.mode === undefined && fast.mode ? { mode: fast.mode } : {}),
    ...(options.resolution === undefined && fast.internalResolution
      ? { internalResolution: fast.internalResolution }
      : {}),
    ...(fast.detectOnMotion !== undefined ? { detectOnMotion: fast.detectOnMotion } : {}),
  };
  const detectEvery = integer("detect-every") ?? fast.detectEvery;
  // Without its own flag, the segmenter runs on the first multiple of the detector's interval at or after
  // the profile's (or the default) segmenter interval.
  const base = fast.segmentEvery ?? DEFAULT_VIDEO_SETTINGS.segmentEvery;
  const segmentEvery =
    integer("segment-every") ??
    (detectEvery !== undefined && detectEvery > 0 ? detectEvery * Math.ceil(base / detectEvery) : undefined);
  /** A flag that takes one of two words: true for the first, false for the second. */
  const either = (flag: string, yes: string, no: string): boolean | undefined => {
    const value = options[flag];
    if (value === undefined) return undefined;
    if (value === yes || value === no) return value === yes;
    throw new RangeError(`--${flag} must be ${yes} or ${no}, got "${value}"`);
  };
  const memory = integer("memory");
  const seedPerFrame = either("frame-seeds", "per-frame", "same");
  const detectOnMotion = either("motion", "on", "off");
  return {
    ...profile,
    ...(detectEvery !== undefined ? { detectEvery } : {}),
    ...(segmentEvery !== undefined ? { segmentEvery } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(seedPerFrame !== undefined ? { seedPerFrame } : {}),
    ...(detectOnMotion !== undefined ? { detectOnMotion } : {}),
  };
}

/** The video settings from the command's photo settings and flags; throws a RangeError for a bad flag or value. */
export function videoSettingsFrom(settings: PipelineSettings, options: RawOptions): VideoSettings {
  return resolveVideoSettings({ ...settings, ...videoOverridesFrom(options) });
}
