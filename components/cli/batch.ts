// A batch run: list the inputs (walk, --files-from, --shard), skip what an earlier run with the same settings
// already did, process the rest on worker threads, and keep the report (and its journal) so that the same
// command after any interruption picks up where it stopped. Results are printed and reported in input order.
import { appendFileSync } from "node:fs";
import { mkdir, readFile, realpath, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { secretSeed } from "../core/random.js";
import type { NodeBackend } from "../node/backend.js";
import { removePartials, writeFilesAtomically } from "../node/write-atomic.js";
import type { PipelineReport } from "../pipeline/run.js";
import { type PipelineSettings, resolveSettings } from "../pipeline/settings.js";
import { resolveVideoSettings, type VideoSettings } from "../pipeline/video-settings.js";
import { planTasks } from "./plan-outputs.js";
import type { InputTask } from "./process-input.js";
import { videoSummary } from "./process-video.js";
import { formatDuration, inputNoun, ProgressReporter, type ProgressStream, type VideoInFlight } from "./progress.js";
import {
  type BatchReport,
  isDone,
  type OutputSettings,
  parseRecord,
  type ReportEntry,
  type RunSummary,
  recordedOutput,
  reportBytes,
  sameSettings,
} from "./report.js";
import { type Shard, selectShard, shardLabel } from "./shard.js";
import { commandLineRoot, listedRoot, readPathList, type WalkResult, walkInputs } from "./walk-inputs.js";
import { WorkerPool } from "./worker-pool.js";

export interface BatchOptions {
  readonly outDir: string;
  /** Files and folders from the command line. */
  readonly paths: readonly string[];
  /** A file listing paths, or "-" for stdin. */
  readonly filesFrom?: string;
  /** Where the report goes; by default beside the output folder (see defaultReportPath). */
  readonly report?: string;
  readonly shard?: Shard;
  readonly jobs: number;
  /** Process every input even if an earlier run did it with the same settings. */
  readonly force: boolean;
  readonly quiet: boolean;
  readonly backend: NodeBackend;
  readonly modelsDir: string;
  /** The pipeline settings given on the command line (checked); the rest are the defaults. */
  readonly settings: Partial<PipelineSettings>;
  /** What the video flags change for videos over `settings` (checked; video-options.ts). */
  readonly video: Partial<VideoSettings>;
  readonly output: OutputSettings;
}

/** How often a progress line is printed when stderr is not a terminal. */
export const PROGRESS_INTERVAL_MS = 15_000;

/**
 * OUT.report.json beside the output folder, not in it: the report holds the seed (with fuzz, the seed undoes
 * much of the hiding), and the output folder is what gets published. Shards get one each.
 */
export function defaultReportPath(outDir: string, shard?: Shard): string {
  const base = resolve(outDir);
  return shard ? `${base}.report.shard-${shard.index}-of-${shard.count}.json` : `${base}.report.json`;
}

export function journalPath(report: string): string {
  return `${report}.journal`;
}

/** Runs the batch; returns the exit status (0 all done, 1 some input failed, 130/143 stopped by a signal). */
export async function runBatch(options: BatchOptions, stderr: ProgressStream = process.stderr): Promise<number> {
  const started = Date.now();
  const out = new ProgressReporter(stderr, { quiet: options.quiet, intervalMs: PROGRESS_INTERVAL_MS });
  const reportPath = options.report ?? defaultReportPath(options.outDir, options.shard);
  await prepareOutputs(options.outDir, reportPath);
  const { listed, all } = await listInputs(options);
  const previous = options.force ? { entries: [], runs: [] } : await readRecord(reportPath);
  const settings = resolveSettings({ seed: earlierSeed(previous, options) ?? secretSeed(), ...options.settings });
  const video = resolveVideoSettings({ ...settings, ...options.video });
  const { entries, tasks } = await planRun(listed, previous, options, { pipeline: settings, video });
  const skipped = entries.filter((e) => e?.earlierRun).length;
  const jobs = Math.min(options.jobs, tasks.length);
  if (!options.quiet) out.line(startLine(listed.length, all, skipped, tasks.length, jobs, options.shard));

  const rssMbBeforeWorkers = megabytes(process.memoryUsage().rss);
  const journal = journalPath(reportPath);
  const run = await processTasks(tasks, entries, { ...options, settings, video, journal }, out).catch(async (error) => {
    // The models could not be loaded: nothing was processed, so no journal is left behind.
    if ((await stat(journal).catch(() => undefined))?.size === 0) await rm(journal, { force: true });
    throw error;
  });

  const notReached = entries.filter((e) => e === undefined).length;
  const summary: RunSummary = {
    started: new Date(started).toISOString(),
    ...(options.shard ? { shard: shardLabel(options.shard) } : {}),
    jobs,
    inputs: entries.length,
    processed: run.done - run.failed,
    failed: entries.filter((e) => e?.error).length,
    skipped,
    notReached,
    wallMs: Date.now() - started,
    ...(run.processingMs !== undefined
      ? { processingMs: run.processingMs, photosPerMinute: round1((run.done / run.processingMs) * 60_000) }
      : {}),
    cpuMs: cpuMs(),
    ...(run.startupCpuMs !== undefined ? { startupCpuMs: run.startupCpuMs } : {}),
    rssMbBeforeWorkers,
    peakRssMb: megabytes(process.resourceUsage().maxRSS * 1024),
  };
  // This run's inputs in input order, then what the report held about other inputs (nothing is dropped).
  const listedInputs = new Set(listed.map((item) => item.path));
  const report: BatchReport = {
    entries: [
      ...entries.filter((e): e is ReportEntry => e !== undefined),
      ...previous.entries.filter((e) => !listedInputs.has(e.input)),
    ],
    runs: [...previous.runs, summary],
  };
  await writeFilesAtomically([[reportPath, reportBytes(report)]]);
  await rm(journal, { force: true });

  if (summary.failed > 0)
    out.line(`fuzzy-people: ${summary.failed} of ${entries.length} inputs could not be processed`);
  if (run.stoppedBy) out.line(`fuzzy-people: stopped; ${notReached} not reached: run the same command to continue`);
  if (!options.quiet) out.line(endLine(summary, reportPath));
  if (run.stoppedBy) return run.stoppedBy === "SIGINT" ? 130 : 143;
  return summary.failed > 0 ? 1 : 0;
}

/** Creates the output folder, and makes sure the report can be written before hours of work, not after. */
async function prepareOutputs(outDir: string, reportPath: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  try {
    await mkdir(dirname(reportPath), { recursive: true });
    appendFileSync(journalPath(reportPath), "");
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Error(`the report ${reportPath} cannot be written (${code ?? message}); name another with --report`);
  }
}

/** The inputs of this run (this shard's, with --shard), and how many there are in all. */
async function listInputs(options: BatchOptions): Promise<{ listed: WalkResult[]; all: number }> {
  const roots = await Promise.all(options.paths.map(commandLineRoot));
  if (options.filesFrom !== undefined) roots.push(...(await readPathList(options.filesFrom)).map((p) => listedRoot(p)));
  const walked = await walkInputs(roots, [await realpath(options.outDir)]);
  const listed = options.shard ? selectShard(walked, options.shard, (item) => item.path) : walked;
  return { listed, all: walked.length };
}

interface PlannedRun {
  /** One per listed input, in input order: known now (a problem, a clash, done earlier) or when processed. */
  readonly entries: Array<ReportEntry | undefined>;
  /** What is left to process, in input order, with the position of its entry. */
  readonly tasks: Array<{ task: InputTask; position: number }>;
}

async function planRun(
  listed: readonly WalkResult[],
  previous: BatchReport,
  options: BatchOptions,
  settings: { readonly pipeline: PipelineSettings; readonly video: VideoSettings },
): Promise<PlannedRun> {
  const entries: Array<ReportEntry | undefined> = listed.map((item) =>
    "kind" in item
      ? undefined
      : { input: item.path, ...(item.error ? { error: item.error } : { warning: item.warning }) },
  );
  const found = listed.flatMap((item, position) => ("kind" in item ? [{ item, position }] : []));
  const planned = planTasks(
    found.map(({ item }) => item),
    options.outDir,
    options.output,
  );
  /** What an input of each kind is done with: a video by the video settings and the outputs it depends on. */
  const record = {
    image: { pipeline: settings.pipeline, output: recordedOutput("image", options.output) },
    video: { pipeline: settings.video, output: recordedOutput("video", options.output) },
  };
  const byInput = new Map(previous.entries.map((e) => [e.input, e]));
  const tasks: PlannedRun["tasks"] = [];
  await Promise.all(
    planned.map(async (plan, i) => {
      const { position, item } = found[i]!;
      if ("error" in plan) {
        entries[position] = { input: plan.input, kind: item.kind, error: plan.error };
        return;
      }
      // A killed run may have left a temporary file for this input's outputs; whatever happens now, it goes.
      await removePartials([plan.output, ...(plan.mask ? [plan.mask] : [])]);
      const earlier = byInput.get(plan.input);
      if (isDone(earlier, plan, record[plan.kind]) && (await outputsExist(plan)))
        entries[position] = { ...earlier!, earlierRun: true };
      else tasks.push({ task: plan, position });
    }),
  );
  tasks.sort((a, b) => a.position - b.position);
  return { entries, tasks };
}

interface ProcessedRun {
  readonly done: number;
  readonly failed: number;
  /** From the first worker ready to the last result, when anything was processed. */
  readonly processingMs?: number;
  /** CPU time of the process when every worker had loaded its models. */
  readonly startupCpuMs?: number;
  readonly stoppedBy?: NodeJS.Signals;
}

/**
 * Processes `tasks` on the worker pool, filling `entries`, appending each to the journal, printing results in
 * input order and progress (with the frames of videos in flight); the first SIGINT or SIGTERM lets the inputs in
 * flight finish, a second one exits.
 */
async function processTasks(
  tasks: PlannedRun["tasks"],
  entries: PlannedRun["entries"],
  options: BatchOptions & { settings: PipelineSettings; video: VideoSettings; journal: string },
  out: ProgressReporter,
): Promise<ProcessedRun> {
  let printed = 0;
  /** Prints the entries known so far that every earlier one precedes; at the end (`all`), every one known. */
  const printReady = (all = false) => {
    for (; printed < entries.length && (all || entries[printed] !== undefined); printed++) {
      const line = entries[printed] && entryLine(entries[printed]!, options.quiet);
      if (line) out.line(`${entries.length > 1 ? `[${printed + 1}/${entries.length}] ` : ""}${line}`);
    }
  };
  printReady();
  let done = 0;
  let failed = 0;
  let firstReady: number | undefined;
  let lastResult: number | undefined;
  let ready = 0;
  let startupCpuMs: number | undefined;
  const noun = inputNoun(tasks.map((t) => t.task.kind));
  /** Videos being hidden, by task index (a Map keeps them in the order they started). */
  const videos = new Map<number, VideoInFlight>();
  const progress = () => {
    const elapsedMs = firstReady === undefined ? undefined : Date.now() - firstReady;
    out.update({ done, total: tasks.length, failed, elapsedMs, noun, videos: [...videos.values()] });
  };
  const { backend, modelsDir, settings, video, output } = options;
  const pool = new WorkerPool(
    tasks.map((t) => t.task),
    { backend, modelsDir, settings, video, output },
    {
      onReady: () => {
        firstReady ??= Date.now();
        if (++ready === Math.min(options.jobs, tasks.length)) startupCpuMs = cpuMs();
        progress();
      },
      onFrames: (index, frames) => {
        videos.set(index, { input: tasks[index]!.task.input, ...frames });
        progress();
      },
      onResult: (index, entry) => {
        videos.delete(index);
        appendFileSync(options.journal, `${JSON.stringify(entry)}\n`);
        entries[tasks[index]!.position] = entry;
        done++;
        if (entry.error) failed++;
        lastResult = Date.now();
        printReady();
        progress();
      },
    },
  );

  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppedBy) {
      out.line(`fuzzy-people: ${signal} again: stopping now; run the same command to continue`);
      process.exit(signal === "SIGINT" ? 130 : 143);
    }
    stoppedBy = signal;
    out.line(`fuzzy-people: ${signal}: stopping after the ${noun} in flight (again to stop at once)`);
    pool.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const ticker = setInterval(progress, 1000).unref();
  try {
    await pool.run(options.jobs);
  } finally {
    clearInterval(ticker);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    out.clear();
  }
  printReady(true); // after a stop, the inputs finished beyond one not reached
  const processingMs = firstReady !== undefined && lastResult !== undefined ? lastResult - firstReady : undefined;
  return {
    done,
    failed,
    ...(processingMs !== undefined ? { processingMs } : {}),
    ...(startupCpuMs !== undefined ? { startupCpuMs } : {}),
    ...(stoppedBy ? { stoppedBy } : {}),
  };
}

async function readRecord(reportPath: string): Promise<BatchReport> {
  const read = (path: string) => readFile(path, "utf8").catch(() => undefined);
  return parseRecord(await read(reportPath), await read(journalPath(reportPath)));
}

/**
 * Without --seed, the seed of an earlier run with otherwise the same settings, so running the same command
 * again finds its work done (and a resumed collection is hidden with one seed).
 */
function earlierSeed(previous: BatchReport, options: BatchOptions): number | undefined {
  if (options.force || options.settings.seed !== undefined) return undefined;
  const photo = resolveSettings({ ...options.settings, seed: 0 });
  const video = resolveVideoSettings({ ...photo, ...options.video });
  const same = (recorded: PipelineSettings, wanted: PipelineSettings) => sameSettings({ ...recorded, seed: 0 }, wanted);
  const earlier = previous.entries.find(
    (e) => (e.report && same(e.report.settings, photo)) || (e.video && same(e.video.settings, video)),
  );
  return (earlier?.report ?? earlier?.video)?.settings.seed;
}

async function outputsExist(task: InputTask): Promise<boolean> {
  const files = [task.output, ...(task.mask ? [task.mask] : [])];
  const found = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

function startLine(inShard: number, all: number, skipped: number, toDo: number, jobs: number, shard?: Shard) {
  const inputs = shard ? `${inShard} of ${all} inputs in shard ${shardLabel(shard)}` : `${inShard} inputs`;
  const earlier = skipped
    ? `, ${skipped} done by an earlier run with the same settings (skipped; --force redoes them)`
    : "";
  return `fuzzy-people: ${inputs}${earlier}; ${toDo} to process${toDo ? ` on ${jobs} worker${jobs === 1 ? "" : "s"}` : ""}`;
}

/** A finished input's line: errors always; warnings and results unless quiet; nothing for skipped inputs. */
function entryLine(entry: ReportEntry, quiet: boolean): string | undefined {
  if (entry.error) return `${entry.input}: ${entry.error}`;
  if (quiet || entry.earlierRun) return undefined;
  if (entry.warning) return `${entry.input}: ${entry.warning}`;
  const notes = entry.notes?.length ? ` (${entry.notes.join("; ")})` : "";
  return `${entry.input}: ${entry.video ? videoSummary(entry.video) : summary(entry.report!)}${notes}`;
}

function summary(report: PipelineReport): string {
  if (!report.hidden) return "no people found: nothing was hidden";
  const n = report.peopleFound;
  const percent = (report.maskShare * 100).toFixed(1);
  const ms = Object.values(report.timingsMs).reduce((a, b) => a + b, 0);
  return `${n} ${n === 1 ? "person" : "people"} hidden, ${percent}% of pixels replaced (${Math.round(ms)} ms)`;
}

function endLine(run: RunSummary, reportPath: string): string {
  const rate =
    run.photosPerMinute !== undefined
      ? `, ${run.photosPerMinute} per minute on ${run.jobs} worker${run.jobs === 1 ? "" : "s"}`
      : "";
  return `fuzzy-people: ${run.processed} processed, ${run.failed} failed, ${run.skipped} skipped in ${formatDuration(run.wallMs)}${rate}; report: ${reportPath}`;
}

/** CPU time of the whole process so far (every thread), user and system. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}

const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);
const round1 = (value: number) => Math.round(value * 10) / 10;
