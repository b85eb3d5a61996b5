// A worker thread of a batch (started by worker-pool.ts): loads its own backend and models, then processes one
// task at a time as the main thread sends them, answering each with its report entry (and, for a video, with
// its frames done as it goes).
import { parentPort, workerData } from "node:worker_threads";
import { loadDetector } from "../models/detector.js";
import { loadSegmenter } from "../models/segmenter.js";
import { type NodeBackend, useNodeBackend } from "../node/backend.js";
import { diskModelSource } from "../node/model-source.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import { type InputTask, type ProcessContext, processInput } from "./process-input.js";
import type { OutputSettings, ReportEntry } from "./report.js";

export interface WorkerSetup {
  readonly backend: NodeBackend;
  readonly modelsDir: string;
  readonly settings: PipelineSettings;
  readonly video: VideoSettings;
  readonly output: OutputSettings;
}

export type ToWorker = { readonly index: number; readonly task: InputTask };
export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "cannot-start"; readonly message: string }
  | { readonly type: "frames"; readonly index: number; readonly frames: VideoFrames }
  | { readonly type: "result"; readonly index: number; readonly entry: ReportEntry };

/** A video's progress: frames hidden so far, of about `total`, `elapsedMs` after it was opened. */
export interface VideoFrames {
  readonly done: number;
  readonly total?: number;
  readonly elapsedMs: number;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;
const send = (message: FromWorker) => port.postMessage(message);

async function start(): Promise<ProcessContext> {
  await useNodeBackend(setup.backend);
  const source = diskModelSource(setup.modelsDir);
  const models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
  return { models, settings: setup.settings, video: setup.video, output: setup.output };
}

try {
  const context = await start();
  port.on("message", async ({ index, task }: ToWorker) => {
    const entry = await processInput(task, context, (done, total, elapsedMs) =>
      send({ type: "frames", index, frames: { done, ...(total !== undefined ? { total } : {}), elapsedMs } }),
    );
    send({ type: "result", index, entry });
  });
  send({ type: "ready" });
} catch (error) {
  send({ type: "cannot-start", message: (error as Error).message });
}
