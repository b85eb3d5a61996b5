// One video, in a worker thread of the batch: every frame decoded by ffmpeg, hidden by the frame pipeline (models
// on every n-th frame, people tracked between), and encoded again at the same size and frame rate into the
// planned output (and mask video). ffmpeg writes under the hidden temporary names of write-atomic.ts, which are
// renamed once the files are complete: a video at its final name is always whole.
import { mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import {
  openVideoWriter,
  outputFormatFor,
  probeVideo,
  readVideoFrames,
  type VideoInfo,
  type VideoWriter,
} from "../node/video-file.js";
import { commitPartials, partialPath, removePartials } from "../node/write-atomic.js";
import { createFrameHider, type HiddenFrame } from "../pipeline/frame-hider.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import type { ProcessContext, VideoTask } from "./process-input.js";
import type { ReportEntry } from "./report.js";

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

/** What a hidden video adds to its report entry. */
export type HiddenVideo = Pick<ReportEntry, "mask" | "bytes" | "notes"> & {
  readonly output: string;
  readonly video: VideoReport;
};

/** Frames hidden so far, of about `total` (VideoInfo.expectedFrames), `elapsedMs` after the video was opened. */
export type FrameProgress = (done: number, total: number | undefined, elapsedMs: number) => void;

/**
 * Hides every frame of `task.input` into `task.output` (and the mask video into `task.mask`). Throws an Error
 * saying why a video cannot be read, or failed half-way; no file is then left behind, not even a temporary one.
 */
export async function processVideo(
  task: Pick<VideoTask, "input" | "output" | "mask">,
  context: Pick<ProcessContext, "models" | "video">,
  onFrames?: FrameProgress,
): Promise<HiddenVideo> {
  const settings = context.video;
  const targets: Array<[string, "rgba" | "mask"]> = [[task.output, "rgba"]];
  if (task.mask) targets.push([task.mask, "mask"]);
  const writers: VideoWriter[] = [];
  try {
    const info = await probeVideo(task.input);
    await mkdir(dirname(task.output), { recursive: true });
    for (const [target, pixels] of targets)
      writers.push(openVideoWriter(partialPath(target), { ...info, format: outputFormatFor(target), pixels }));
    const hider = createFrameHider(context.models, settings);
    const perFrame: VideoFrameReport[] = [];
    const start = performance.now();
    for await (const frame of readVideoFrames(task.input, info)) {
      const frameStart = performance.now();
      const hidden = await hider.hide(frame);
      await writers[0]!.write(hidden.image);
      if (writers[1]) await writers[1].write(hidden.mask);
      const { index, detected, segmented, onMotion, found, carried, maskPixels } = hidden;
      const ms = Math.round(performance.now() - frameStart);
      perFrame.push({ index, detected, segmented, onMotion, found, carried, maskPixels, ms });
      onFrames?.(perFrame.length, info.expectedFrames, performance.now() - start);
    }
    if (perFrame.length === 0) throw new Error("the video has no frames that could be decoded");
    for (const writer of writers) await writer.close();
    await commitPartials(targets.map(([target]) => target));
    const seconds = (performance.now() - start) / 1000;
    return {
      output: task.output,
      ...(task.mask ? { mask: task.mask } : {}),
      bytes: (await stat(task.output)).size,
      ...(info.audioStreams > 0 ? { notes: [audioNote(info)] } : {}),
      video: {
        width: info.width,
        height: info.height,
        frameRate: info.frameRate,
        frames: perFrame.length,
        input: { codec: info.codec, container: info.container },
        settings,
        fps: Math.round((perFrame.length / seconds) * 100) / 100,
        perFrame,
      },
    };
  } catch (error) {
    for (const writer of writers) writer.abort();
    await removePartials(targets.map(([target]) => target));
    throw error;
  }
}

function audioNote({ audioStreams }: VideoInfo): string {
  return `audio dropped (${audioStreams} stream${audioStreams > 1 ? "s" : ""}): voices are not hidden`;
}

/** The line the command prints for a hidden video. */
export function videoSummary(report: VideoReport): string {
  const withPeople = report.perFrame.filter((f) => f.maskPixels > 0).length;
  const count = (key: "detected" | "segmented") => report.perFrame.filter((f) => f[key]).length;
  return `${report.frames} frames (${report.width}×${report.height}, ${report.frameRate} fps), people hidden in ${withPeople}, detector run on ${count("detected")}, segmenter on ${count("segmented")}, ${report.fps} frames/s`;
}
