// Per-stage timings of the pipeline in Node (wasm backend) on the shipped samples, and memory over many
// photos in a row. Run: npx tsx bench/pipeline.ts (or npm run bench for every benchmark).
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs";
import type { RgbaImage } from "../components/core/types.js";
import { loadDetector } from "../components/models/detector.js";
import { INTERNAL_RESOLUTIONS } from "../components/models/model-limits.js";
import { loadSegmenter } from "../components/models/segmenter.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage, encodePng } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { type Models, runPipeline } from "../components/pipeline/run.js";
import { DEFAULT_SETTINGS, SEGMENTATION_MODES } from "../components/pipeline/settings.js";
import {
  buildMask,
  detectObjects,
  obfuscatePeople,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../components/pipeline/stages.js";
import { writeBenchResults } from "./results.js";

const SAMPLES = ["street-group.jpg", "street-walker.jpg", "astronaut.png", "camera.png"];
const RUNS = 5;

export interface StageRow {
  readonly sample: string;
  readonly width: number;
  readonly height: number;
  /** Median milliseconds per stage over RUNS runs (after one warm-up). */
  readonly medianMs: Record<string, number>;
  /** decode + detect + segment (default mode) + mask + obfuscate + encode. */
  readonly totalMs: number;
}

export interface MemoryReport {
  readonly photos: number;
  readonly tensorsBefore: number;
  readonly tensorsAfter: readonly number[];
  readonly heapMbAfter: readonly number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function stageTimings(models: Models, sample: string): Promise<StageRow> {
  const bytes = await readFile(`data/samples/${sample}`);
  const samples: Record<string, number[]> = {};
  const record = (name: string, ms: number) => {
    samples[name] ??= [];
    samples[name].push(ms);
  };
  let image: RgbaImage | undefined;
  for (let run = 0; run <= RUNS; run++) {
    const warmUp = run === 0;
    const [decoded, decodeMs] = await time(() => decodeImage(bytes));
    image = decoded.image;
    const prepared = prepareImage(image);
    const [detection, detectMs] = await time(() => detectObjects(models.detector, prepared));
    const segmentations = [];
    for (const mode of SEGMENTATION_MODES) {
      const [segmentation, ms] = await time(() =>
        segmentPeople(models.segmenter, prepared, detection, { ...DEFAULT_SETTINGS, mode }),
      );
      segmentations.push(segmentation);
      if (!warmUp) record(`segment ${mode}`, ms);
    }
    // Multi-person segmentation used to run BodyPix twice on the photo (once for the probabilities, once
    // inside BodyPix's segmentMultiPerson); this is the run it no longer makes.
    const [, savedMs] = await time(() =>
      models.segmenter.personProbabilities(
        prepared.inference,
        INTERNAL_RESOLUTIONS[DEFAULT_SETTINGS.internalResolution],
      ),
    );
    if (!warmUp) record("saved run", savedMs);
    const segmentation = segmentations[SEGMENTATION_MODES.indexOf(DEFAULT_SETTINGS.mode)]!;
    const regions = selectRegions(segmentation, detection, DEFAULT_SETTINGS);
    const [masks, maskMs] = await time(() => buildMask(prepared, regions, DEFAULT_SETTINGS));
    const [, growMs] = await time(() => buildMask(prepared, regions, { ...DEFAULT_SETTINGS, growth: 8 }));
    const [result, fuzzMs] = await time(() => obfuscatePeople(prepared, masks.mask, DEFAULT_SETTINGS));
    const [, encodeMs] = await time(() => encodePng(result.image));
    if (warmUp) continue;
    record("decode", decodeMs);
    record("detect", detectMs);
    record("mask", maskMs);
    record("mask, growth 8", growMs);
    record("fuzz", fuzzMs);
    record("encode", encodeMs);
  }
  const medianMs = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  const totalMs = ["decode", "detect", `segment ${DEFAULT_SETTINGS.mode}`, "mask", "fuzz", "encode"].reduce(
    (sum, s) => sum + medianMs[s]!,
    0,
  );
  return { sample, width: image!.width, height: image!.height, medianMs, totalMs: Math.round(totalMs) };
}

async function memoryOverPhotos(models: Models, photos: number): Promise<MemoryReport> {
  const images = await Promise.all(
    SAMPLES.map(async (s) => (await decodeImage(await readFile(`data/samples/${s}`))).image),
  );
  const tensorsBefore = tf.memory().numTensors;
  const tensorsAfter: number[] = [];
  const heapMbAfter: number[] = [];
  for (let i = 0; i < photos; i++) {
    await runPipeline(images[i % images.length]!, models);
    tensorsAfter.push(tf.memory().numTensors);
    heapMbAfter.push(Math.round(process.memoryUsage().heapUsed / 1e6));
  }
  return { photos, tensorsBefore, tensorsAfter, heapMbAfter };
}

export async function runPipelineBench(): Promise<{ backend: string; stages: StageRow[]; memory: MemoryReport }> {
  const backend = await useNodeBackend("wasm");
  const source = diskModelSource("data/models");
  const models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
  const stages: StageRow[] = [];
  for (const sample of SAMPLES) stages.push(await stageTimings(models, sample));
  const memory = await memoryOverPhotos(models, 50);
  return { backend, stages, memory };
}

export function printPipelineBench({ backend, stages, memory }: Awaited<ReturnType<typeof runPipelineBench>>): void {
  const names = Object.keys(stages[0]!.medianMs);
  console.log(
    `\nPipeline stages in Node, ${backend} backend, median ms of ${RUNS} runs (defaults: ${DEFAULT_SETTINGS.mode}, ${DEFAULT_SETTINGS.internalResolution})`,
  );
  console.log(
    ["sample".padEnd(18), "size".padEnd(8), ...names.map((n) => n.padStart(14)), "total".padStart(7)].join(" "),
  );
  for (const row of stages) {
    console.log(
      [
        row.sample.padEnd(18),
        `${row.width}×${row.height}`.padEnd(8),
        ...names.map((n) => String(row.medianMs[n]).padStart(14)),
        String(row.totalMs).padStart(7),
      ].join(" "),
    );
  }
  for (const row of stages) {
    const multi = row.medianMs["segment multi"]!;
    const saved = row.medianMs["saved run"]!;
    console.log(
      `${row.sample}: multi-person in one network run ${multi} ms; the two-pass version's second run ${saved} ms ` +
        `(saved ${Math.round((100 * saved) / (multi + saved))}% of multi, ${Math.round((100 * saved) / (row.medianMs[`segment ${DEFAULT_SETTINGS.mode}`]! + saved))}% of ${DEFAULT_SETTINGS.mode})`,
    );
  }
  const last = memory.tensorsAfter.at(-1)!;
  const heap = memory.heapMbAfter;
  console.log(
    `\nMemory over ${memory.photos} photos in a row: tfjs tensors ${memory.tensorsBefore} before, ${memory.tensorsAfter[0]} after the first, ${last} after the last ` +
      `(max ${Math.max(...memory.tensorsAfter)}); JS heap ${heap[0]} MB after the first, ${heap.at(-1)} MB after the last (max ${Math.max(...heap)} MB)`,
  );
}

/** Runs, prints and writes bench-results/pipeline.json. */
export async function pipelineBench(): Promise<void> {
  const result = await runPipelineBench();
  printPipelineBench(result);
  await writeBenchResults("pipeline", result);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await pipelineBench();
