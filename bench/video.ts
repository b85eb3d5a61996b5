// Video export in Node: the sample clip hidden as `fuzzy-people clip --out-dir …` hides it (ffmpeg decoding,
// the frame pipeline on the wasm backend, ffmpeg encoding), with the defaults, every model on every frame, and
// the fast profile; against a copy through the same decoder and encoder with nothing hidden (the floor).
// Then every exported frame is checked for people the detector still finds.
// Run: npx tsx bench/video.ts (or npm run bench for every benchmark). BENCH_VIDEO_RUNS=N repeats each export.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type MeasuredExport, measureExport } from "../components/cli/video-measure.js";
import { loadDetector } from "../components/models/detector.js";
import { loadSegmenter } from "../components/models/segmenter.js";
import { useNodeBackend } from "../components/node/backend.js";
import { diskModelSource } from "../components/node/model-source.js";
import { openVideoWriter, outputFormatFor, probeVideo, readVideoFrames } from "../components/node/video-file.js";
import { createFrameHider } from "../components/pipeline/frame-hider.js";
import type { Models } from "../components/pipeline/run.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  type VideoSettings,
} from "../components/pipeline/video-settings.js";
import { writeBenchResults } from "./results.js";
import { VIDEO_TARGETS } from "./targets.js";

const CLIP = "data/clips/street.mp4";
const RUNS = Math.max(1, Number(process.env.BENCH_VIDEO_RUNS ?? 1));
/** Targets of issue 14 (export of the sample clip on a 2-core machine). */

const PROFILES: ReadonlyArray<{ name: string; settings: Partial<VideoSettings> }> = [
  { name: "defaults", settings: DEFAULT_VIDEO_SETTINGS },
  { name: "every frame", settings: { ...DEFAULT_VIDEO_SETTINGS, detectEvery: 1, segmentEvery: 1 } },
  { name: "fast", settings: { ...DEFAULT_VIDEO_SETTINGS, ...FAST_VIDEO_PROFILE } },
];

export interface VideoBenchRow {
  readonly name: string;
  readonly settings: Pick<VideoSettings, "mode" | "internalResolution" | "detectEvery" | "segmentEvery">;
  /** Median over runs of frames per second, decoding and encoding included. */
  readonly fps: number;
  readonly fpsRuns: number[];
  /** Median frames per second of the process's CPU time: the rate with a core to itself (see MeasuredExport). */
  readonly cpuFps: number;
  /** fps / the copy's fps: the share of the decode-and-encode floor's speed left with hiding. */
  readonly ratioToCopy: number;
  readonly stillFoundShare: number;
  readonly framesStillFound: number;
  readonly framesWithPeople: number;
  readonly minReplaced: number;
}

export interface VideoBench {
  readonly clip: string;
  readonly frames: number;
  readonly copyFps: number;
  readonly rows: VideoBenchRow[];
  readonly loadAverage: { readonly start: number; readonly end: number };
}

/** Decodes and re-encodes the clip with the command's writer, hiding nothing: the fps floor of any export. */
async function copyFps(): Promise<number> {
  const dir = await mkdtemp(join(os.tmpdir(), "fuzzy-bench-copy-"));
  try {
    const info = await probeVideo(CLIP);
    const out = join(dir, "copy.mp4");
    const writer = openVideoWriter(out, { ...info, format: outputFormatFor(out), pixels: "rgba" });
    const start = performance.now();
    let frames = 0;
    for await (const frame of readVideoFrames(CLIP, info)) {
      await writer.write(frame);
      frames++;
    }
    await writer.close();
    return frames / ((performance.now() - start) / 1000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The models' first runs compile kernels: hide two frames with each profile before anything is timed. */
async function warmUp(models: Models): Promise<void> {
  const info = await probeVideo(CLIP);
  for (const { settings } of PROFILES) {
    const hider = createFrameHider(models, settings);
    let n = 0;
    for await (const frame of readVideoFrames(CLIP, info)) {
      await hider.hide(frame);
      if (++n === 2) break;
    }
  }
}

export async function runVideoBench(): Promise<VideoBench> {
  await useNodeBackend("wasm");
  const source = diskModelSource("data/models");
  const models: Models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
  const start = os.loadavg()[0]!;
  await warmUp(models);
  const copies: number[] = [];
  for (let r = 0; r < RUNS; r++) copies.push(await copyFps());
  const copy = median(copies);
  const rows: VideoBenchRow[] = [];
  let frames = 0;
  for (const { name, settings } of PROFILES) {
    const runs: MeasuredExport[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await measureExport(models, CLIP, settings));
    const fpsRuns = runs.map((m) => m.fps);
    const last = runs.at(-1)!;
    frames = last.frames;
    const { mode, internalResolution, detectEvery, segmentEvery } = last.settings;
    rows.push({
      name,
      settings: { mode, internalResolution, detectEvery, segmentEvery },
      fps: median(fpsRuns),
      fpsRuns,
      cpuFps: median(runs.map((m) => m.cpuFps)),
      ratioToCopy: round(median(fpsRuns) / copy),
      stillFoundShare: round(last.stillFoundShare),
      framesStillFound: last.privacy.framesStillFound,
      framesWithPeople: last.privacy.framesWithPeople,
      minReplaced: round(last.minReplaced),
    });
  }
  return { clip: CLIP, frames, copyFps: round(copy), rows, loadAverage: { start, end: os.loadavg()[0]! } };
}

export function printVideoBench(bench: VideoBench): void {
  console.log(
    `\nVideo export in Node (wasm), ${bench.clip} (${bench.frames} frames), median of ${RUNS} run(s); load average ${bench.loadAverage.start.toFixed(1)} → ${bench.loadAverage.end.toFixed(1)}${bench.loadAverage.start > os.cpus().length / 2 ? " (under load)" : ""}`,
  );
  console.log(`copy through ffmpeg, nothing hidden: ${bench.copyFps} fps`);
  console.log(
    "profile       mode    detail  detector segmenter    fps  × copy  CPU fps  frames still found  min replaced",
  );
  for (const row of bench.rows) {
    const s = row.settings;
    console.log(
      [
        row.name.padEnd(13),
        s.mode.padEnd(7),
        s.internalResolution.padEnd(7),
        `1/${s.detectEvery}`.padEnd(8),
        `1/${s.segmentEvery}`.padEnd(9),
        row.fps.toFixed(2).padStart(6),
        row.ratioToCopy.toFixed(3).padStart(7),
        row.cpuFps.toFixed(2).padStart(8),
        `${row.framesStillFound}/${row.framesWithPeople} (${(row.stillFoundShare * 100).toFixed(1)}%)`.padStart(19),
        row.minReplaced.toFixed(2).padStart(13),
      ].join(" "),
    );
  }
  const find = (name: string) => bench.rows.find((r) => r.name === name)!;
  const met = (ok: boolean) => (ok ? "met" : "not met");
  const fps = (row: VideoBenchRow) => `${met(row.fps >= target(row))} (CPU time: ${met(row.cpuFps >= target(row))})`;
  const target = (row: VideoBenchRow) => (row.name === "fast" ? VIDEO_TARGETS.fastFps : VIDEO_TARGETS.defaultsFps);
  console.log(
    `Targets: defaults ≥ ${VIDEO_TARGETS.defaultsFps} fps: ${fps(find("defaults"))}; ` +
      `fast ≥ ${VIDEO_TARGETS.fastFps} fps: ${fps(find("fast"))}; ` +
      `frames still found with the defaults ≤ ${VIDEO_TARGETS.stillFoundShare * 100}%: ${met(find("defaults").stillFoundShare <= VIDEO_TARGETS.stillFoundShare)}`,
  );
}

/** Runs, prints and writes bench-results/video.json. */
export async function videoBench(): Promise<void> {
  const result = await runVideoBench();
  printVideoBench(result);
  await writeBenchResults("video", result);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]!);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await videoBench();
