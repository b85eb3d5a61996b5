// The README's measured performance, rendered from the benchmarks' JSON (data/bench/NAME.json, recorded by
// bench/record.ts): every figure there comes from a benchmark run, never typed twice. A benchmark not recorded
// yet is said to be so, not left out.
import type { BatchBench } from "./batch.js";
import type { BrowserBench, Row } from "./browser.js";
import type { FuzzKernelBench } from "./fuzz-kernel.js";
import type { MemoryReport, StageRow } from "./pipeline.js";
import { BATCH_TARGET_RATIO, FUZZ_TARGET_RATIO, VIDEO_TARGETS } from "./targets.js";
import type { VideoBench } from "./video.js";
import type { WorkerBench } from "./workers.js";

/** A row of a benchmark that states one value against a target (the video page's). */
export interface ValueRow {
  readonly metric: string;
  readonly value: number | null;
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

/** What each benchmark wrote, by its file name; any may be missing. */
export interface BenchRecords {
  readonly "fuzz-kernel"?: FuzzKernelBench;
  readonly pipeline?: { backend: string; stages: StageRow[]; memory: MemoryReport } & Machine;
  readonly batch?: BatchBench;
  readonly video?: VideoBench & Machine;
  readonly "video-browser"?: { rows: ValueRow[]; loadAverage?: Record<string, number> } & Machine;
  readonly workers?: WorkerBench;
  readonly browser?: BrowserBench;
}

/** The README's names for the benchmarks, in the order the section shows them. */
export const BENCHES = ["browser", "workers", "fuzz-kernel", "pipeline", "batch", "video", "video-browser"] as const;

interface Machine {
  readonly date?: string;
  readonly cpu?: string;
  readonly cores?: number;
  readonly chromium?: string;
  readonly loadAverage?: readonly number[] | Readonly<Record<string, number>>;
  readonly machine?: Machine;
}

const TITLES: Record<(typeof BENCHES)[number], string> = {
  browser: "The site in chromium (`bench/browser.ts`)",
  workers: "Inside the workers (`bench/workers.ts`)",
  "fuzz-kernel": "Obfuscation kernels (`bench/fuzz-kernel.ts`)",
  pipeline: "Pipeline stages in Node (`bench/pipeline.ts`)",
  batch: "The command on a folder (`bench/batch.ts`)",
  video: "Video export in Node (`bench/video.ts`)",
  "video-browser": "Video in chromium (`bench/video-browser.ts`)",
};

const ms = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${round(v)} ms`);
/** Whole numbers from 100 up, two decimals at most below: the precision the benchmarks record. */
const round = (v: number) => v.toLocaleString("en", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
const met = (m: boolean | undefined) => (m === undefined ? "—" : m ? "yes" : "**no**");

const span = (values: readonly number[]) => {
  const [min, max] = [Math.min(...values), Math.max(...values)];
  return min === max ? String(min) : `${min}–${max}`;
};

/** A markdown table with its columns padded to one width, as Biome formats the README's tables. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((c) => c.replaceAll("|", "\\|")));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => [...row[i]!].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((c, i) => c + " ".repeat(widths[i]! - [...c].length)).join(" | ")} |`;
  return [line(cells[0]!), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join("\n");
}

/** When and where a benchmark ran, and how loaded the machine was (the machine is shared). */
export function machineLine(record: Machine): string {
  const m = record.machine ?? record;
  const load = m.loadAverage ?? record.loadAverage;
  const loads = load === undefined ? [] : Array.isArray(load) ? load : Object.values(load);
  const span = loads.length ? `; load average ${Math.min(...loads)}–${Math.max(...loads)}` : "";
  const browser = m.chromium ? `, chromium ${m.chromium}` : "";
  return `_${m.date?.slice(0, 10) ?? "undated"}, ${m.cores ?? "?"} cores (${m.cpu ?? "unknown CPU"})${browser}${span}._`;
}

function browserSection(b: BrowserBench): string {
  const rows = b.rows.map((r: Row) => [
    r.metric,
    r.backend,
    r.untimed ? `not timed: ${r.untimed}` : `${ms(r.median)} (${ms(r.max)})`,
    r.target === undefined ? "—" : `≤ ${round(r.target)} ms`,
    met(r.target === undefined ? undefined : r.met),
    r.note ?? "",
  ]);
  const parts = [
    `A ${b.photo.width}×${b.photo.height} photo (${b.photo.source}), medians of ${b.reps} runs; wasm is judged, webgl runs on a software renderer here.`,
    table(["measure", "backend", "median (max)", "target", "met", "note"], rows),
  ];
  const stages = Object.entries(b.stageMs);
  if (stages.length) {
    const names = [...new Set(stages.flatMap(([, s]) => Object.keys(s)))];
    parts.push(
      "Stage times inside the workers (median ms):",
      table(
        ["measure", ...names],
        stages.map(([measure, s]) => [measure, ...names.map((n) => (s[n] === undefined ? "—" : round(s[n])))]),
      ),
    );
  }
  const memory = b.memory.filter((p) => p.heapMb !== null || p.tensors !== null);
  if (memory.length)
    parts.push(
      `Memory over uploads: ${memory.map((p) => `after ${p.uploads}, ${p.tensors ?? "?"} tensors and ${p.heapMb ?? "?"} MB of heap`).join("; ")}.`,
    );
  parts.push(...b.notes);
  return parts.join("\n\n");
}

function workersSection(w: WorkerBench): string {
  return [
    `${w.backend}, a ${w.photo.width}×${w.photo.height} photo, medians of ${w.reps} runs.`,
    table(
      ["stage", "in the worker", "page's round trip"],
      w.stages.map((s) => [s.stage, ms(s.workerMs), ms(s.roundTripMs)]),
    ),
    `A ${round(w.echo.bytes / 1e6)} MB image to a worker and back: ${ms(w.echo.transferMs)} transferred, ${ms(w.echo.copyMs)} copied. ` +
      `${w.dragging.moves} radius moves ${w.dragging.intervalMs} ms apart computed in the pixel worker: longest main-thread task ${ms(w.dragging.longestTaskMs)}, ${w.dragging.longTasks} long tasks.`,
  ].join("\n\n");
}

function kernelSection(k: FuzzKernelBench): string {
  return [
    `${k.width}×${k.height}, one thread, median CPU time of ${k.rounds} rounds; each ratio is taken within its round against the fastest masked copy (into a new buffer for a kernel that allocates, in place otherwise). Target for fuzz r 16: ≤ ${FUZZ_TARGET_RATIO}×.`,
    table(
      ["floor", "mask", "CPU"],
      k.floors.map((f) => [f.name, f.mask, ms(f.cpuMs)]),
    ),
    table(
      ["kernel", "mask", "CPU", "× like-for-like copy", "× copy in place", "× block copy"],
      k.rows.map((r) => [
        r.name,
        r.mask,
        ms(r.cpuMs),
        `${round(r.cpuRatio)}×`,
        `${round(r.inPlaceRatio)}×`,
        `${round(r.blockRatio)}×`,
      ]),
    ),
  ].join("\n\n");
}

function pipelineSection(p: NonNullable<BenchRecords["pipeline"]>): string {
  const names = [...new Set(p.stages.flatMap((s) => Object.keys(s.medianMs)))];
  const { memory } = p;
  return [
    `${p.backend} backend, median ms of each stage per sample.`,
    table(
      ["sample", ...names, "total"],
      p.stages.map((s) => [
        `${s.sample} (${s.width}×${s.height})`,
        ...names.map((n) => (s.medianMs[n] === undefined ? "—" : round(s.medianMs[n]))),
        round(s.totalMs),
      ]),
    ),
    `${memory.photos} photos in a row: ${memory.tensorsBefore} tensors before, ${span(memory.tensorsAfter)} after each; heap after each ${span(memory.heapMbAfter)} MB (first ${memory.heapMbAfter[0]}, last ${memory.heapMbAfter.at(-1)}).`,
  ].join("\n\n");
}

function batchSection(b: BatchBench): string {
  return [
    `${b.photos} photos, defaults; runs alternate between 1 and ${b.cores} workers. Ratio of photos per minute, ${b.cores} workers over 1 (target ≥ ${BATCH_TARGET_RATIO}×): **${b.ratio}×** after model loading, ${b.ratioEndToEnd}× end to end; from CPU time per photo, ${b.ratioFromCpu}× (the speed-up with a core per worker).`,
    table(
      ["workers", "photos/min", "end to end", "CPU s/photo", "peak MB", "MB per worker"],
      b.runs.map((r) => [
        String(r.jobs),
        round(r.photosPerMinute),
        round(r.photosPerMinuteEndToEnd),
        round(r.cpuSecondsPerPhoto),
        String(r.peakRssMb),
        String(r.peakRssMbPerWorker),
      ]),
    ),
    table(
      ["JPEG", "quality written", "PSNR outside the mask", "one re-encode", "size / input"],
      b.jpeg.map((j) => [
        j.input,
        String(j.quality),
        `${j.psnrOutsideMask} dB`,
        `${j.psnrOneReencode} dB`,
        `${j.sizeRatio}×`,
      ]),
    ),
  ].join("\n\n");
}

function videoSection(v: VideoBench): string {
  return [
    `${v.clip}, ${v.frames} frames, decoded and encoded by ffmpeg; the same with nothing hidden runs at ${round(v.copyFps)} fps. Target: frames in which the detector still finds someone ≤ ${100 * VIDEO_TARGETS.stillFoundShare}%.`,
    table(
      [
        "profile",
        "mode, detail",
        "detector / segmenter every",
        "fps",
        "target",
        "fps of CPU time",
        "frames still found",
      ],
      v.rows.map((r) => [
        r.name,
        `${r.settings.mode}, ${r.settings.internalResolution}`,
        `${r.settings.detectEvery} / ${r.settings.segmentEvery}`,
        round(r.fps),
        r.name === "defaults"
          ? `≥ ${VIDEO_TARGETS.defaultsFps}`
          : r.name === "fast"
            ? `≥ ${VIDEO_TARGETS.fastFps}`
            : "—",
        round(r.cpuFps),
        `${r.framesStillFound} of ${r.framesWithPeople}`,
      ]),
    ),
  ].join("\n\n");
}

function valueSection(v: NonNullable<BenchRecords["video-browser"]>): string {
  return table(
    ["measure", "value", "target", "met", "note"],
    v.rows.map((r) => [
      r.metric,
      r.value === null ? "not timed" : round(r.value),
      r.target ?? "—",
      met(r.met),
      r.note ?? "",
    ]),
  );
}

/** The README's performance figures: one sub-section per benchmark, in BENCHES order. */
export function performanceSection(records: BenchRecords): string {
  const render = {
    browser: browserSection,
    workers: workersSection,
    "fuzz-kernel": kernelSection,
    pipeline: pipelineSection,
    batch: batchSection,
    video: videoSection,
    "video-browser": valueSection,
  } as Record<(typeof BENCHES)[number], (record: never) => string>;
  return BENCHES.map((name) => {
    const record = records[name];
    const body =
      record === undefined
        ? "_Not recorded yet: run it, then `npx tsx bench/record.ts`._"
        : `${machineLine(record)}\n\n${render[name](record as never)}`;
    return `### ${TITLES[name]}\n\n${body}`;
  }).join("\n\n");
}
