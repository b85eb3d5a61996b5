// Benchmark of the obfuscation kernels on a 12-megapixel photo-sized buffer, against the
// memory-bound floor (a masked 32-bit copy). Run: npx tsx bench/fuzz-kernel.ts
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fuzzInto } from "../components/core/fuzz.js";
import { growMask } from "../components/core/grow.js";
import { type ObfuscationMethod, obfuscate } from "../components/core/obfuscate.js";
import { randomSource } from "../components/core/random.js";
import type { Mask, RgbaImage } from "../components/core/types.js";

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = 7;
const WARMUP = 2;

export interface BenchRow {
  readonly name: string;
  /** "full" (every pixel masked) or "person" (an ellipse over ~30% of the frame). */
  readonly mask: "full" | "person";
  readonly medianMs: number;
  readonly minMs: number;
  /** Median process CPU time (user + system) per run: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  /** medianMs / the masked copy's medianMs. */
  readonly ratio: number;
  /** cpuMs / the masked copy's cpuMs. */
  readonly cpuRatio: number;
}

export interface FuzzKernelBench {
  readonly width: number;
  readonly height: number;
  readonly runs: number;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly date: string;
  readonly rows: readonly BenchRow[];
}

// The floor: move each masked pixel as one 32-bit word, no randomness, sequential access.
function maskedCopy(src: Uint32Array, mask: Uint8Array, dst: Uint32Array): void {
  for (let i = 0; i < mask.length; i++) if (mask[i]) dst[i] = src[i]!;
}

// The obvious implementation, for context only: per channel, Math.random, modulo, clamping.
function naiveFuzz(image: RgbaImage, mask: Mask, out: Uint8ClampedArray, radius: number): void {
  const { width, height, data } = image;
  const n = 2 * radius + 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask.data[y * width + x]) continue;
      const sx = Math.min(width - 1, Math.max(0, x + (Math.floor(Math.random() * 0x7fffffff) % n) - radius));
      const sy = Math.min(height - 1, Math.max(0, y + (Math.floor(Math.random() * 0x7fffffff) % n) - radius));
      for (let c = 0; c < 4; c++) out[(y * width + x) * 4 + c] = data[(sy * width + sx) * 4 + c]!;
    }
  }
}

function time(run: () => void): { medianMs: number; minMs: number; cpuMs: number } {
  for (let k = 0; k < WARMUP; k++) run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return { medianMs: median(times), minMs: Math.min(...times), cpuMs: median(cpu) };
}

function personMask(width: number, height: number): Mask {
  const data = new Uint8Array(width * height);
  const cx = width / 2,
    cy = height / 2,
    rx = width * 0.22,
    ry = height * 0.42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) data[y * width + x] = 1;
  }
  return { width, height, data };
}

/** Runs every kernel, prints a table and writes bench-results/fuzz-kernel.json. */
export async function runFuzzKernelBench(): Promise<FuzzKernelBench> {
  const random = randomSource(2024);
  const src32 = new Uint32Array(WIDTH * HEIGHT);
  for (let i = 0; i < src32.length; i++) src32[i] = random();
  const image: RgbaImage = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(src32.buffer) };
  const full: Mask = { width: WIDTH, height: HEIGHT, data: new Uint8Array(WIDTH * HEIGHT).fill(1) };
  const person = personMask(WIDTH, HEIGHT);
  const out: RgbaImage = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(WIDTH * HEIGHT * 4) };
  const out32 = new Uint32Array(out.data.buffer);

  const timings: Array<{ name: string; mask: "full" | "person"; medianMs: number; minMs: number; cpuMs: number }> = [];
  const add = (name: string, mask: "full" | "person", run: () => void) => {
    timings.push({ name, mask, ...time(run) });
    const last = timings[timings.length - 1]!;
    console.error(`  ${name}: ${last.medianMs.toFixed(1)} ms`);
  };
  add("masked 32-bit copy (floor)", "full", () => maskedCopy(src32, full.data, out32));
  add("fuzzInto r=16", "full", () => fuzzInto(image, full, out, { radius: 16, seed: 1 }));
  add("fuzzInto r=64", "full", () => fuzzInto(image, full, out, { radius: 64, seed: 1 }));
  add("fuzz r=16 (allocates + copies)", "full", () => void obfuscate(image, full, { method: "fuzz", radius: 16 }));
  add("naive fuzz r=16 (reference)", "full", () => naiveFuzz(image, full, out.data, 16));
  for (const method of ["pixelate", "blur", "fill", "background"] as ObfuscationMethod[]) {
    add(`${method} radius=16`, "person", () => void obfuscate(image, person, { method, radius: 16 }));
  }
  add("fuzz r=16 (allocates + copies)", "person", () => void obfuscate(image, person, { method: "fuzz", radius: 16 }));
  add("growMask 4 px", "person", () => void growMask(person, 4));
  add("growMask 32 px", "person", () => void growMask(person, 32));

  const floor = timings[0]!;
  const rows: BenchRow[] = timings.map((t) => ({
    ...t,
    ratio: t.medianMs / floor.medianMs,
    cpuRatio: t.cpuMs / floor.cpuMs,
  }));
  const result: FuzzKernelBench = {
    width: WIDTH,
    height: HEIGHT,
    runs: RUNS,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    date: new Date().toISOString(),
    rows,
  };
  console.log(
    `\n${WIDTH}×${HEIGHT} RGBA, median of ${RUNS} runs after ${WARMUP} warm-up, ${result.cpu}, ${result.node}\n`,
  );
  const head = ["median ms", "min ms", "× copy", "cpu ms", "cpu × copy"];
  console.log(`${"kernel".padEnd(34)} ${"mask".padEnd(7)} ${head.map((h) => h.padStart(10)).join(" ")}`);
  for (const r of rows) {
    const cells = [
      r.medianMs.toFixed(1),
      r.minMs.toFixed(1),
      r.ratio.toFixed(2),
      r.cpuMs.toFixed(1),
      r.cpuRatio.toFixed(2),
    ];
    console.log(`${r.name.padEnd(34)} ${r.mask.padEnd(7)} ${cells.map((c) => c.padStart(10)).join(" ")}`);
  }
  const dir = fileURLToPath(new URL("../bench-results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}fuzz-kernel.json`, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runFuzzKernelBench();
