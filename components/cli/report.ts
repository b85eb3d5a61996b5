// The batch report: one entry per input, each with the input's size and modification time and the settings
// it was processed with, so a run of the same command knows what is already done. While a run goes on, each
// finished entry is appended to a journal beside the report (one JSON line), so even a killed run leaves a
// record; the run's end folds the journal into the report. Shards' reports are merged with merge-reports.
import type { OutputFormat } from "../node/image-file.js";
import type { PipelineReport } from "../pipeline/run.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import type { InputKind } from "./input-kind.js";
import type { VideoReport } from "./process-video.js";

/** How outputs are written, besides the pipeline's settings. */
export interface OutputSettings {
  /** "own": each photo in its own format (JPEG, PNG, WebP; PNG for the others). */
  readonly format: OutputFormat | "own";
  /** For JPEG and lossy WebP outputs. */
  readonly quality: number;
  readonly mask: boolean;
  readonly keepIcc: boolean;
}

/** What of the output settings a video depends on: whether its mask is written (the others are for photos). */
export type VideoOutputSettings = Pick<OutputSettings, "mask">;

/** The output settings an input of `kind` records, and is redone for when they change. */
export function recordedOutput(kind: InputKind, output: OutputSettings): OutputSettings | VideoOutputSettings {
  return kind === "video" ? { mask: output.mask } : output;
}

export interface ReportEntry {
  /** The path as listed (from the command line, a folder walk or --files-from). */
  readonly input: string;
  /** Absent for a path that gave no input (an unreadable folder, a link loop, a missing file). */
  readonly kind?: InputKind;
  readonly size?: number;
  readonly mtimeMs?: number;
  readonly output?: string;
  readonly mask?: string;
  readonly format?: OutputFormat;
  /** Bytes written for the output. */
  readonly bytes?: number;
  /** Lossy outputs: the quality used (--quality, raised if needed so the output is no worse than `oneReencode`). */
  readonly quality?: number;
  /** Lossy outputs: PSNR in dB outside the mask of the output, and of the input encoded once at --quality. */
  readonly psnr?: { readonly outsideMask: number; readonly oneReencode: number };
  readonly options?: OutputSettings | VideoOutputSettings;
  readonly error?: string;
  /** Not an error: something skipped for a reason the user should know (a symbolic link loop). */
  readonly warning?: string;
  readonly notes?: string[];
  /** A photo's report. */
  readonly report?: PipelineReport;
  /** A video's report: its size, frame rate, settings (the photo settings and the video ones), every frame. */
  readonly video?: VideoReport;
  /** Done by an earlier run with the same input and settings, and skipped by this one. */
  readonly earlierRun?: true;
}

export interface RunSummary {
  readonly started: string;
  readonly shard?: string;
  readonly jobs: number;
  /** Inputs this run was given (after --shard), and what became of them. */
  readonly inputs: number;
  readonly processed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Inputs not reached because the run was stopped (Ctrl-C, SIGTERM). */
  readonly notReached: number;
  readonly wallMs: number;
  /** From the first worker ready to the last result: the rate that matters for a large collection. */
  readonly processingMs?: number;
  readonly photosPerMinute?: number;
  /** CPU time of the whole process (every thread), user and system; and until every worker had loaded its models. */
  readonly cpuMs: number;
  readonly startupCpuMs?: number;
  /** Resident memory of the whole process before the workers started, and its peak over the run. */
  readonly rssMbBeforeWorkers: number;
  readonly peakRssMb: number;
}

export interface BatchReport {
  readonly entries: ReportEntry[];
  /** Every run that wrote to this report, oldest first. */
  readonly runs: RunSummary[];
}

/**
 * Whether `previous` records `planned` as done: same file (size, modification time), same outputs, same settings
 * (for a video, its video settings and recordedOutput's).
 */
export function isDone(
  previous: ReportEntry | undefined,
  planned: Pick<ReportEntry, "size" | "mtimeMs" | "output" | "mask">,
  settings: { pipeline: PipelineSettings; output: OutputSettings | VideoOutputSettings },
): boolean {
  const recorded = previous?.report ?? previous?.video;
  if (!previous || previous.error || previous.warning || !recorded) return false;
  return (
    previous.size === planned.size &&
    previous.mtimeMs === planned.mtimeMs &&
    previous.output === planned.output &&
    previous.mask === planned.mask &&
    sameSettings(recorded.settings, settings.pipeline) &&
    sameSettings(previous.options, settings.output)
  );
}

/** Whether two settings objects hold the same values, whatever the order of their keys. */
export function sameSettings(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * The report a file holds, with the journal's lines applied on top (later lines win). Anything that is not a
 * report yields none; a journal's cut-off last line (a run killed while writing it) is ignored.
 */
export function parseRecord(reportText: string | undefined, journalText: string | undefined): BatchReport {
  const report = parseReport(reportText);
  const entries = new Map(report.entries.map((e) => [e.input, e]));
  for (const line of journalText?.split("\n") ?? []) {
    try {
      const entry = JSON.parse(line) as ReportEntry;
      if (typeof entry?.input === "string") entries.set(entry.input, entry);
    } catch {
      // a line cut off by a kill: that input is simply processed again
    }
  }
  return { entries: [...entries.values()], runs: report.runs };
}

function parseReport(text: string | undefined): BatchReport {
  try {
    const value = JSON.parse(text ?? "") as Partial<BatchReport>;
    if (Array.isArray(value.entries) && Array.isArray(value.runs)) return value as BatchReport;
  } catch {
    // not a report (or none yet): nothing is done
  }
  return { entries: [], runs: [] };
}

/**
 * The report as JSON with one entry per line, built in pieces so a report of many thousands of photos never
 * has to be one string, and stays easy to grep and diff.
 */
export function reportBytes({ runs, entries }: BatchReport): Buffer {
  const lines = entries.map((entry, i) =>
    Buffer.from(`${JSON.stringify(entry)}${i < entries.length - 1 ? "," : ""}\n`),
  );
  const head = Buffer.from(`{\n"runs": ${JSON.stringify(runs, null, 2)},\n"entries": [\n`);
  return Buffer.concat([head, ...lines, Buffer.from("]\n}\n")]);
}

/**
 * One report from several (the shards of one collection): entries sorted by input path, runs concatenated.
 * Throws naming any input that two reports both record.
 */
export function mergeReports(reports: ReadonlyArray<{ name: string; report: BatchReport }>): BatchReport {
  const seen = new Map<string, string>();
  const entries: ReportEntry[] = [];
  for (const { name, report } of reports) {
    for (const entry of report.entries) {
      const other = seen.get(entry.input);
      if (other !== undefined) throw new Error(`${entry.input} is in both ${other} and ${name}`);
      seen.set(entry.input, name);
      entries.push(entry);
    }
  }
  entries.sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  return { entries, runs: reports.flatMap(({ report }) => report.runs) };
}
