// A worker thread of a batch (started by worker-pool.ts): loads its own backend and models, then processes one
// task at a time as the main thread sends them, answering each with its report entry.
import { parentPort, workerData } from "node:worker_threads";
import { loadDetector } from "../models/detector.js";
import { loadSegmenter } from "../models/segmenter.js";
import { type NodeBackend, useNodeBackend } from "../node/backend.js";
import { diskModelSource } from "../node/model-source.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import { type InputTask, type ProcessContext, processInput } from "./process-input.js";
import type { OutputSettings, ReportEntry } from "./report.js";

export interface WorkerSetup {
  readonly backend: NodeBackend;
  readonly modelsDir: string;
  readonly settings: PipelineSettings;
  readonly output: OutputSettings;
}

export type ToWorker = { readonly index: number; readonly task: InputTask };
export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "cannot-start"; readonly message: string }
  | { readonly type: "result"; readonly index: number; readonly entry: ReportEntry };

const port = parentPort!;
const setup = workerData as WorkerSetup;
const send = (message: FromWorker) => port.postMessage(message);

async function start(): Promise<ProcessContext> {
  await useNodeBackend(setup.backend);
  const source = diskModelSource(setup.modelsDir);
  const models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
  return { models, settings: setup.settings, output: setup.output };
}

try {
  const context = await start();
  port.on("message", async ({ index, task }: ToWorker) => {
    send({ type: "result", index, entry: await processInput(task, context) });
  });
  send({ type: "ready" });
} catch (error) {
  send({ type: "cannot-start", message: (error as Error).message });
}
