// N worker threads, each with its own models, fed one task at a time so a slow photo or a long video never holds
// up the rest. A worker that dies (a crash in native code, memory) fails only the task it held: that task's
// entry says so and a fresh worker takes its place. stop() lets the tasks in flight finish and starts no new ones.
import type { Worker } from "node:worker_threads";
import { startTypeScriptWorker } from "../node/ts-worker.js";
import type { FromWorker, ToWorker, VideoFrames, WorkerSetup } from "./batch-worker.js";
import type { InputTask } from "./process-input.js";
import type { ReportEntry } from "./report.js";

const WORKER_MODULE = new URL("./batch-worker.ts", import.meta.url);

export interface PoolCallbacks {
  /** A worker has loaded its models (the first call marks when processing can start). */
  readonly onReady?: () => void;
  /** A video in progress has hidden more frames; `index` is its position in the task list. */
  readonly onFrames?: (index: number, frames: VideoFrames) => void;
  /** An input is finished; `index` is its position in the task list. Called in completion order. */
  readonly onResult: (index: number, entry: ReportEntry) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  busyWith?: number;
  lastError?: string;
}

export class WorkerPool {
  private next = 0;
  private stopping = false;
  private readonly slots = new Set<Slot>();
  private settle?: { resolve: () => void; reject: (error: Error) => void };

  constructor(
    private readonly tasks: readonly InputTask[],
    private readonly setup: WorkerSetup,
    private readonly callbacks: PoolCallbacks,
    /** The worker's module: batch-worker.ts, or in tests one that dies on purpose. */
    private readonly module: URL = WORKER_MODULE,
  ) {}

  /** Runs every task on up to `jobs` workers; rejects if a worker cannot load its backend or models. */
  run(jobs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      const workers = Math.min(jobs, this.tasks.length);
      if (workers === 0) resolve();
      for (let i = 0; i < workers; i++) this.startWorker();
    });
  }

  /** No new task is started; the run ends when the tasks in flight are done. */
  stop(): void {
    this.stopping = true;
    for (const slot of this.slots) if (slot.busyWith === undefined) void slot.worker.terminate();
  }

  private startWorker(): void {
    const slot: Slot = { worker: startTypeScriptWorker(this.module, { workerData: this.setup }), ready: false };
    this.slots.add(slot);
    slot.worker.on("message", (message: FromWorker) => this.receive(slot, message));
    slot.worker.on("error", (error) => {
      slot.lastError = error.message;
    });
    slot.worker.on("exit", (code) => this.exited(slot, code));
  }

  private receive(slot: Slot, message: FromWorker): void {
    if (message.type === "cannot-start") {
      this.fail(new Error(message.message));
      return;
    }
    if (message.type === "frames") {
      this.callbacks.onFrames?.(message.index, message.frames);
      return;
    }
    if (message.type === "ready") {
      slot.ready = true;
      this.callbacks.onReady?.();
    } else {
      slot.busyWith = undefined;
      this.callbacks.onResult(message.index, message.entry);
    }
    this.feed(slot);
  }

  private feed(slot: Slot): void {
    if (this.stopping || this.next >= this.tasks.length) {
      void slot.worker.terminate();
      return;
    }
    const index = this.next++;
    slot.busyWith = index;
    slot.worker.postMessage({ index, task: this.tasks[index]! } satisfies ToWorker);
  }

  private exited(slot: Slot, code: number): void {
    this.slots.delete(slot);
    const reason = slot.lastError ?? `exit code ${code}`;
    if (!slot.ready && !this.stopping) {
      this.fail(new Error(`a worker could not start (${reason})`));
      return;
    }
    if (slot.busyWith !== undefined) {
      const { input, kind, size, mtimeMs } = this.tasks[slot.busyWith]!;
      const error = `the worker processing it stopped (${reason}); the other inputs were not affected`;
      this.callbacks.onResult(slot.busyWith, { input, kind, size, mtimeMs, error });
      if (!this.stopping && this.next < this.tasks.length) this.startWorker();
    }
    if (this.slots.size === 0) this.settle?.resolve();
  }

  private fail(error: Error): void {
    this.stopping = true;
    for (const { worker } of this.slots) void worker.terminate();
    this.settle?.reject(error);
  }
}
