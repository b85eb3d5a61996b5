// The fuzzy-people command on a folder of real photos, as a user runs it: photos per minute with 1 worker and
// with one per core (and their ratio), memory per worker, and for JPEG outputs the PSNR outside the mask and
// the size against the input. Run: npx tsx bench/batch.ts (or npm run bench for every benchmark).
// BENCH_BATCH_DIR=folder uses other photos (default: data/samples); BENCH_BATCH_COPIES=n copies each photo
// n times (default 24, 96 photos); BENCH_BATCH_REPS=n alternates the 1-worker and N-worker runs n times (default 1).
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inputKind } from "../components/cli/input-kind.js";
import { DEFAULT_QUALITY } from "../components/cli/main.js";
import type { BatchReport, RunSummary } from "../components/cli/report.js";
import { BATCH_TARGET_RATIO } from "./targets.js";

const BIN = fileURLToPath(new URL("../bin/fuzzy-people.js", import.meta.url));

export interface BatchRun {
  readonly jobs: number;
  readonly photos: number;
  /** From the first worker ready to the last result. */
  readonly photosPerMinute: number;
  /** The whole command, model loading included. */
  readonly photosPerMinuteEndToEnd: number;
  /** CPU time of the whole process per photo, after every worker had loaded its models (all threads). */
  readonly cpuSecondsPerPhoto: number;
  /** CPU time until every worker had loaded its models. */
  readonly startupCpuSeconds: number;
  readonly peakRssMb: number;
  readonly rssMbBeforeWorkers: number;
  /** (peak − before the workers) / jobs. */
  readonly peakRssMbPerWorker: number;
}

export interface JpegRow {
  readonly input: string;
  readonly psnrOutsideMask: number;
  readonly psnrOneReencode: number;
  readonly quality: number;
  /** Output bytes / input bytes. */
  readonly sizeRatio: number;
}

export interface BatchBench {
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly date: string;
  /** Load average (1, 5, 15 min) before and after: the machine is shared, so this is part of the figure. */
  readonly loadAverage: number[];
  readonly photosDir: string;
  readonly photos: number;
  readonly defaultQuality: number;
  readonly runs: BatchRun[];
  /** Median photos per minute with `cores` workers over that with 1 (after model loading; end to end). */
  readonly ratio: number;
  readonly ratioEndToEnd: number;
  /**
   * cores × CPU per photo with 1 worker / CPU per photo with `cores` workers: the speed-up if every worker had
   * a core to itself. On a shared machine the wall-time ratio is capped by the CPU share the scheduler gives
   * this session (with autogroup, one share whatever its thread count); the CPU ratio is not.
   */
  readonly ratioFromCpu: number;
  /** Whether the kernel shares CPU between sessions rather than threads (sched_autogroup_enabled). */
  readonly autogroup: boolean;
  readonly jpeg: JpegRow[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** `copies` of every photo in `source`, in one sub-folder per copy (so names repeat, as in a real tree). */
async function makeCollection(source: string, copies: number): Promise<{ dir: string; photos: number }> {
  const dir = await mkdtemp(join(os.tmpdir(), "fuzzy-bench-batch-"));
  const names = (await readdir(source)).filter((n) => inputKind(n) === "image").sort();
  for (let copy = 0; copy < copies; copy++) {
    await mkdir(join(dir, "in", `set-${copy}`), { recursive: true });
    for (const name of names) await copyFile(join(source, name), join(dir, "in", `set-${copy}`, name));
  }
  return { dir, photos: names.length * copies };
}

async function runCli(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`fuzzy-people ${args.join(" ")} exited with ${code}:\n${stderr}`);
}

async function timedRun(dir: string, jobs: number, label: string): Promise<{ run: BatchRun; report: BatchReport }> {
  const out = join(dir, `out-${label}`);
  const reportPath = join(dir, `report-${label}.json`);
  await runCli([
    "--quiet",
    "--seed",
    "1",
    "--jobs",
    String(jobs),
    "--report",
    reportPath,
    "--out-dir",
    out,
    join(dir, "in"),
  ]);
  const report = JSON.parse(await readFile(reportPath, "utf8")) as BatchReport;
  const summary: RunSummary = report.runs.at(-1)!;
  const photos = summary.processed;
  return {
    report,
    run: {
      jobs,
      photos,
      photosPerMinute: round((photos / summary.processingMs!) * 60_000),
      photosPerMinuteEndToEnd: round((photos / summary.wallMs) * 60_000),
      cpuSecondsPerPhoto: round((summary.cpuMs - summary.startupCpuMs!) / 1000 / photos, 2),
      startupCpuSeconds: round(summary.startupCpuMs! / 1000, 2),
      peakRssMb: summary.peakRssMb,
      rssMbBeforeWorkers: summary.rssMbBeforeWorkers,
      peakRssMbPerWorker: Math.round((summary.peakRssMb - summary.rssMbBeforeWorkers) / jobs),
    },
  };
}

export async function runBatchBench(): Promise<BatchBench> {
  const photosDir = process.env.BENCH_BATCH_DIR ?? "data/samples";
  // 96 photos: with 24, the second worker's model loading (counted from the first worker ready) was an eighth of
  // the run and the ratio measured the start-up more than the rate a real collection is processed at.
  const copies = Number(process.env.BENCH_BATCH_COPIES ?? 24);
  const reps = Number(process.env.BENCH_BATCH_REPS ?? 1);
  const cores = os.availableParallelism();
  const loadBefore = os.loadavg();
  const { dir, photos } = await makeCollection(photosDir, copies);
  const runs: BatchRun[] = [];
  let jpeg: JpegRow[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      for (const jobs of [1, cores]) {
        const { run, report } = await timedRun(dir, jobs, `${jobs}-${rep}`);
        runs.push(run);
        jpeg = report.entries
          .filter((e) => e.format === "jpeg" && e.psnr && e.input.includes("set-0"))
          .map((e) => ({
            input: e.input.slice(e.input.indexOf("set-0") + 6),
            psnrOutsideMask: e.psnr!.outsideMask,
            psnrOneReencode: e.psnr!.oneReencode,
            quality: e.quality!,
            sizeRatio: round(e.bytes! / e.size!, 2),
          }));
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const rate = (jobs: number, key: "photosPerMinute" | "photosPerMinuteEndToEnd") =>
    median(runs.filter((r) => r.jobs === jobs).map((r) => r[key]));
  const cpuPerPhoto = (jobs: number) => median(runs.filter((r) => r.jobs === jobs).map((r) => r.cpuSecondsPerPhoto));
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores,
    date: new Date().toISOString(),
    loadAverage: [...loadBefore, ...os.loadavg()].map((x) => round(x, 2)),
    photosDir,
    photos,
    defaultQuality: DEFAULT_QUALITY,
    runs,
    ratio: round(rate(cores, "photosPerMinute") / rate(1, "photosPerMinute"), 2),
    ratioEndToEnd: round(rate(cores, "photosPerMinuteEndToEnd") / rate(1, "photosPerMinuteEndToEnd"), 2),
    ratioFromCpu: round((cores * cpuPerPhoto(1)) / cpuPerPhoto(cores), 2),
    autogroup: (await readFile("/proc/sys/kernel/sched_autogroup_enabled", "utf8").catch(() => "0")).trim() === "1",
    jpeg,
  };
}

export function printBatchBench(result: BatchBench): void {
  const load = result.loadAverage;
  console.log(
    `\nfuzzy-people on ${result.photos} photos (${result.photosDir}, each copied into sub-folders), defaults, ${result.cpu} (${result.cores} cores); load average ${load[0]} before, ${load[3]} after`,
  );
  console.log(
    [
      "workers",
      "photos/min",
      "end to end",
      "CPU s/photo",
      "start-up CPU s",
      "peak RSS MB",
      "before workers",
      "per worker",
    ]
      .map((h) => h.padStart(16))
      .join(""),
  );
  for (const r of result.runs) {
    const cells = [
      r.jobs,
      r.photosPerMinute,
      r.photosPerMinuteEndToEnd,
      r.cpuSecondsPerPhoto,
      r.startupCpuSeconds,
      r.peakRssMb,
      r.rssMbBeforeWorkers,
      r.peakRssMbPerWorker,
    ];
    console.log(cells.map((c) => String(c).padStart(16)).join(""));
  }
  console.log(
    `${result.cores} workers / 1 worker: ${result.ratio}× (after model loading), ${result.ratioEndToEnd}× end to end (target ≥ ${BATCH_TARGET_RATIO}×); ` +
      `from CPU per photo ${result.ratioFromCpu}×${result.autogroup ? " (the kernel shares CPU between sessions: under load, more threads get no more of it)" : ""}`,
  );
  console.log(`\nJPEG outputs (quality ${result.defaultQuality} requested; PSNR outside the mask, dB):`);
  for (const row of result.jpeg) {
    console.log(
      `  ${row.input.padEnd(24)} output ${row.psnrOutsideMask} at quality ${row.quality}, input encoded once ${row.psnrOneReencode}; output/input size ${row.sizeRatio}`,
    );
  }
}

/** Runs, prints and writes bench-results/batch.json. */
export async function batchBench(): Promise<void> {
  const result = await runBatchBench();
  printBatchBench(result);
  await mkdir("bench-results", { recursive: true });
  await writeFile("bench-results/batch.json", `${JSON.stringify(result, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await batchBench();
