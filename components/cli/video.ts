// fuzzy-people on a video file: every frame decoded by ffmpeg, hidden by the frame pipeline (models on every
// n-th frame, people tracked between), and encoded again at the same size and frame rate, with a progress bar.
// The video flags are declared here, for the command's parser (main.ts), and turned into VideoSettings.
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  openVideoWriter,
  outputFormatFor,
  probeVideo,
  readVideoFrames,
  VIDEO_EXTENSIONS,
  type VideoWriter,
} from "../node/video-file.js";
import { createFrameHider, type HiddenFrame } from "../pipeline/frame-hider.js";
import type { Models } from "../pipeline/run.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  resolveVideoSettings,
  type VideoSettings,
} from "../pipeline/video-settings.js";

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

export const VIDEO_HELP = `Videos (${[...VIDEO_EXTENSIONS].join(" ")}) are read and written with ffmpeg: NAME.ext gives
DIR/NAME.mp4 (NAME.mov, .mkv, .webm keep their container), same size and frame rate, every frame hidden,
and with --mask DIR/NAME.mask.mp4. Frames are written evenly at the video's frame rate (a variable rate
becomes constant); audio is dropped (voices are not hidden). The report lists every frame.
  --detect-every N       run the detector on every N-th frame, tracking people between (${DEFAULT_VIDEO_SETTINGS.detectEvery})
  --segment-every M      run the segmenter on every M-th frame, a multiple of N; between, each person's
                         last mask follows their detector box (${DEFAULT_VIDEO_SETTINGS.segmentEvery})
  --memory N             keep hiding a person N frames after the models stop finding them (${DEFAULT_VIDEO_SETTINGS.memory})
  --motion on|off        also run the detector between its scheduled frames when something moves outside the
                         people tracked (${DEFAULT_VIDEO_SETTINGS.detectOnMotion ? "on" : "off"}; ${FAST.detectOnMotion ? "on" : "off"} with --fast)
  --frame-seeds S        per-frame: each frame its own seed, derived from --seed; same: --seed on every frame
                         (default: per-frame for fuzz, same for background fill; see the README)
  --fast                 the fast profile: --mode ${FAST.mode} --resolution ${FAST.internalResolution} --detect-every ${FAST.detectEvery}
                         --segment-every ${FAST.segmentEvery} --motion off
                         (flags given explicitly win)
`;

type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

/** One frame of the report: what the frame pipeline did on it, and its time from hiding to written. */
export type VideoFrameReport = Pick<
  HiddenFrame,
  "index" | "detected" | "segmented" | "onMotion" | "found" | "carried" | "maskPixels"
> & { readonly ms: number };

export interface VideoReport {
  readonly width: number;
  readonly height: number;
  readonly frameRate: string;
  readonly frames: number;
  readonly input: { readonly codec: string; readonly container: string };
  readonly settings: VideoSettings;
  /** Frames hidden per second, decoding and encoding included. */
  readonly fps: number;
  readonly perFrame: VideoFrameReport[];
}

export interface VideoEntry {
  readonly input: string;
  readonly output?: string;
  readonly mask?: string;
  readonly error?: string;
  readonly notes?: string[];
  readonly report?: VideoReport;
  /** One line for the command's log. */
  readonly summary?: string;
}

export interface VideoJob {
  readonly outDir: string;
  readonly withMask: boolean;
  readonly models: Models;
  readonly settings: VideoSettings;
  /** Progress: a bar redrawn in place on a terminal, else a line every tenth of the clip. Silent when undefined. */
  readonly progress?: NodeJS.WriteStream;
}

/** The video settings from the command's settings and flags; throws a RangeError for a bad flag. */
export function videoSettingsFrom(settings: PipelineSettings, options: RawOptions): VideoSettings {
  const integer = (flag: string): number | undefined => {
    const text = options[flag];
    if (typeof text !== "string") return undefined;
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value))
      throw new RangeError(`--${flag} must be an integer, got "${text}"`);
    return value;
  };
  const fast = options.fast ? FAST : {};
  // The fast profile only fills in what the user did not set.
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
  return resolveVideoSettings({
    ...settings,
    ...profile,
    ...(detectEvery !== undefined ? { detectEvery } : {}),
    ...(segmentEvery !== undefined ? { segmentEvery } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(seedPerFrame !== undefined ? { seedPerFrame } : {}),
    ...(detectOnMotion !== undefined ? { detectOnMotion } : {}),
  });
}

/**
 * Hides every frame of the video at `path` into `outDir/name.<ext>` (and the mask video). A video that cannot
 * be read, or fails half-way, is reported by reason and leaves no file behind.
 */
export async function processVideo(path: string, name: string, job: VideoJob): Promise<VideoEntry> {
  const written: string[] = [];
  const writers: VideoWriter[] = [];
  try {
    const { settings } = job;
    const info = await probeVideo(path);
    const format = outputFormatFor(path);
    const output = join(job.outDir, `${name}${format.extension}`);
    const maskOutput = join(job.outDir, `${name}.mask${format.extension}`);
    const targets: Array<[string, "rgba" | "mask"]> = [[output, "rgba"]];
    if (job.withMask) targets.push([maskOutput, "mask"]);
    for (const [target, pixels] of targets) {
      written.push(`${target}.partial`);
      writers.push(openVideoWriter(`${target}.partial`, { ...info, format, pixels }));
    }
    const hider = createFrameHider(job.models, settings);
    const bar = progressBar(path, info.expectedFrames, job.progress);
    const perFrame: VideoFrameReport[] = [];
    const start = performance.now();
    for await (const frame of readVideoFrames(path, info)) {
      const frameStart = performance.now();
      const hidden = await hider.hide(frame);
      await writers[0]!.write(hidden.image);
      if (writers[1]) await writers[1].write(hidden.mask);
      perFrame.push({
        index: hidden.index,
        detected: hidden.detected,
        segmented: hidden.segmented,
        onMotion: hidden.onMotion,
        found: hidden.found,
        carried: hidden.carried,
        maskPixels: hidden.maskPixels,
        ms: Math.round(performance.now() - frameStart),
      });
      bar.update(perFrame.length, performance.now() - start);
    }
    if (perFrame.length === 0) throw new Error("the video has no frames that could be decoded");
    for (const writer of writers) await writer.close();
    for (const [target] of targets) await rename(`${target}.partial`, target);
    bar.done();
    const seconds = (performance.now() - start) / 1000;
    const report: VideoReport = {
      width: info.width,
      height: info.height,
      frameRate: info.frameRate,
      frames: perFrame.length,
      input: { codec: info.codec, container: info.container },
      settings,
      fps: Math.round((perFrame.length / seconds) * 100) / 100,
      perFrame,
    };
    return {
      input: path,
      output,
      ...(job.withMask ? { mask: maskOutput } : {}),
      notes: videoNotes(info),
      report,
      summary: videoSummary(report),
    };
  } catch (error) {
    for (const writer of writers) writer.abort();
    await Promise.all(written.map((file) => rm(file, { force: true })));
    return { input: path, error: (error as Error).message };
  }
}

function videoNotes({ audioStreams }: { audioStreams: number }): string[] {
  return audioStreams > 0
    ? [`audio dropped (${audioStreams} stream${audioStreams > 1 ? "s" : ""}): voices are not hidden`]
    : [];
}

function videoSummary(report: VideoReport): string {
  const withPeople = report.perFrame.filter((f) => f.maskPixels > 0).length;
  const count = (key: "detected" | "segmented") => report.perFrame.filter((f) => f[key]).length;
  return `${report.frames} frames (${report.width}×${report.height}, ${report.frameRate} fps), people hidden in ${withPeople}, detector run on ${count("detected")}, segmenter on ${count("segmented")}, ${report.fps} frames/s`;
}

interface ProgressBar {
  update(done: number, ms: number): void;
  done(): void;
}

function progressBar(path: string, total: number | undefined, stream: NodeJS.WriteStream | undefined): ProgressBar {
  if (!stream) return { update() {}, done() {} };
  let lastTenth = 0;
  const line = (done: number, ms: number) => {
    const fps = done / (ms / 1000);
    const left = total && fps > 0 ? `, ${Math.ceil((total - done) / fps)} s left` : "";
    const share = total ? Math.min(1, done / total) : 0;
    const bar = total ? `[${"#".repeat(Math.round(share * 20)).padEnd(20, "-")}] ` : "";
    return `${path}: ${bar}${done}${total ? `/${total}` : ""} frames, ${fps.toFixed(1)} fps${left}`;
  };
  return {
    update(done, ms) {
      if (stream.isTTY) stream.write(`\r${line(done, ms)}\u001b[K`);
      else if (total) {
        const tenth = Math.floor((done / total) * 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          stream.write(`${line(done, ms)}\n`);
        }
      }
    },
    done() {
      if (stream.isTTY) stream.write("\r\u001b[K");
    },
  };
}
