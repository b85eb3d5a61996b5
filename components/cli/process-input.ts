// One input, processed in a worker thread: the dispatch by kind of input. A new kind (video, issue 14) adds a
// case here with its own processor; the pool, the report, resuming and sharding stay as they are.
import type { OutputFormat } from "../node/image-file.js";
import type { Models } from "../pipeline/run.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import type { InputKind } from "./input-kind.js";
import { processImage } from "./process-image.js";
import type { OutputSettings, ReportEntry } from "./report.js";

export interface InputTask {
  readonly input: string;
  readonly kind: InputKind;
  /** Size and modification time when the inputs were listed, recorded so a later run knows it is the same file. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly output: string;
  readonly mask?: string;
  readonly format: OutputFormat;
}

export interface ProcessContext {
  readonly models: Models;
  readonly settings: PipelineSettings;
  readonly output: OutputSettings;
}

/** The report entry of one input; never throws: a failure is the entry's `error`. */
export async function processInput(task: InputTask, context: ProcessContext): Promise<ReportEntry> {
  const recorded = { input: task.input, kind: task.kind, size: task.size, mtimeMs: task.mtimeMs };
  try {
    switch (task.kind) {
      case "image":
        return { ...recorded, ...(await processImage(task, context)) };
    }
  } catch (error) {
    return { ...recorded, error: (error as Error).message };
  }
}
