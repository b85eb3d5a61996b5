// One input, processed in a worker thread: the dispatch by kind of input, photos to process-image.ts and videos
// to process-video.ts; the pool, the report, resuming and sharding are the same for both.
import type { OutputFormat } from "../node/image-file.js";
import type { Models } from "../pipeline/run.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import { processImage } from "./process-image.js";
import { type FrameProgress, processVideo } from "./process-video.js";
import { type OutputSettings, type ReportEntry, recordedOutput } from "./report.js";

interface TaskBase {
  readonly input: string;
  /** Size and modification time when the inputs were listed, recorded so a later run knows it is the same file. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly output: string;
  readonly mask?: string;
}

export interface ImageTask extends TaskBase {
  readonly kind: "image";
  readonly format: OutputFormat;
}

/** A video's container and codec follow its output's extension (video-file.ts, outputFormatFor). */
export interface VideoTask extends TaskBase {
  readonly kind: "video";
}

export type InputTask = ImageTask | VideoTask;

export interface ProcessContext {
  readonly models: Models;
  readonly settings: PipelineSettings;
  /** The same settings with the video ones (the seed included): how every frame of a video is hidden. */
  readonly video: VideoSettings;
  readonly output: OutputSettings;
}

/** The report entry of one input; never throws: a failure is the entry's `error`. */
export async function processInput(
  task: InputTask,
  context: ProcessContext,
  onFrames?: FrameProgress,
): Promise<ReportEntry> {
  const recorded = { input: task.input, kind: task.kind, size: task.size, mtimeMs: task.mtimeMs };
  try {
    const options = recordedOutput(task.kind, context.output);
    switch (task.kind) {
      case "image":
        return { ...recorded, ...(await processImage(task, context)), options };
      case "video":
        return { ...recorded, ...(await processVideo(task, context, onFrames)), options };
    }
  } catch (error) {
    return { ...recorded, error: (error as Error).message };
  }
}
