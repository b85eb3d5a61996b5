// Benchmark of the obfuscation kernels on a 12-megapixel photo-sized buffer, against the floor of a masked
// copy. Run: npx tsx bench/fuzz-kernel.ts
//
// How the floor is measured (each point fixes what an earlier version of this bench got wrong):
// - It is the fastest masked 32-bit copy we have, not one plain loop: a per-pixel loop, the same loop reading
//   the mask 4 bytes at a time, and masked runs copied as blocks (TypedArray.set, i.e. memcpy). The plain
//   loop alone was 1.5–2× slower than the others, which flattered every ratio.
// - It is measured in every round, right before each kernel (interleaved), and each ratio is taken within
//   its round: on a shared machine the load changes between the first and the last kernel.
// - Times are process CPU time (user + system), which waiting for a core does not inflate; wall times are
//   printed beside them.
// - Every function is warmed up before the rounds. The kernels are called as the pipeline calls them:
//   `fuzz` and `obfuscate` allocate their 48 MB output every time, `fuzzInto` writes into a reused buffer. A
//   fresh buffer's page faults cost about as much as the copy itself, so each kernel is compared like for like
//   (an allocating kernel with the per-word copy into a new buffer, the others with the copy in place), and
//   also, strictly, with the copy in place.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fuzz, fuzzInto } from "../components/core/fuzz.js";
import { growMask } from "../components/core/grow.js";
import { type ObfuscationMethod, obfuscate } from "../components/core/obfuscate.js";
import { randomSource } from "../components/core/random.js";
import type { Mask, RgbaImage } from "../components/core/types.js";
import { FUZZ_TARGET_RATIO } from "./targets.js";

const WIDTH = 4000;
const HEIGHT = 3000;
const ROUNDS = Number(process.env.BENCH_KERNEL_ROUNDS ?? 7);
const WARMUP = 2;

export interface BenchRow {
  readonly name: string;
  /** "full" (every pixel masked) or "person" (an ellipse over ~30% of the frame). */
  readonly mask: "full" | "person";
  readonly medianMs: number;
  /** Median process CPU time (user + system) per run: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  /** Whether the kernel allocates its output (as fuzz and obfuscate do). */
  readonly allocates: boolean;
  /**
   * Median over rounds of cpuMs / the fastest per-word masked copy's cpuMs in the same round, like for like:
   * into a new buffer for an allocating kernel, in place for the others.
   */
  readonly cpuRatio: number;
  /** The same against the per-word copy in place, whether the kernel allocates or not. */
  readonly inPlaceRatio: number;
  /** The same against copying masked runs as blocks (memcpy): the memory-bandwidth bound. */
  readonly blockRatio: number;
}

export interface FloorRow {
  readonly name: string;
  readonly mask: "full" | "person";
  readonly medianMs: number;
  readonly cpuMs: number;
}

export interface FuzzKernelBench {
  readonly width: number;
  readonly height: number;
  readonly rounds: number;
  readonly node: string;
  readonly cpu: string;
  readonly cores: number;
  readonly loadAverage: number[];
  readonly date: string;
  readonly floors: readonly FloorRow[];
  readonly rows: readonly BenchRow[];
  /** fuzz (as the pipeline calls it), r 16, full mask: like for like, and against the copy in place. */
  readonly target: {
    readonly ratio: number;
    readonly met: boolean;
    readonly inPlaceRatio: number;
    readonly inPlaceMet: boolean;
  };
}

// The floors: each masked pixel moved as one 32-bit word, or masked runs moved as blocks.
function loopCopy(src: Int32Array, mask: Uint8Array, dst: Int32Array): void {
  for (let i = 0, n = mask.length; i < n; i++) if (mask[i] !== 0) dst[i] = src[i]!;
}

function wordMaskCopy(src: Int32Array, mask: Uint8Array, dst: Int32Array): void {
  const words = new Int32Array(mask.buffer, mask.byteOffset, mask.length >>> 2);
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w === 0) continue;
    const i = k << 2;
    if (((w - 0x01010101) & ~w & 0x80808080) === 0) {
      dst[i] = src[i]!;
      dst[i + 1] = src[i + 1]!;
      dst[i + 2] = src[i + 2]!;
      dst[i + 3] = src[i + 3]!;
    } else for (let j = i; j < i + 4; j++) if (mask[j] !== 0) dst[j] = src[j]!;
  }
  for (let i = words.length << 2; i < mask.length; i++) if (mask[i] !== 0) dst[i] = src[i]!;
}

function blockCopy(src: Int32Array, mask: Uint8Array, dst: Int32Array): void {
  const words = new Int32Array(mask.buffer, mask.byteOffset, mask.length >>> 2);
  const n = mask.length;
  let i = 0;
  while (i < n) {
    while (i < n && mask[i] === 0) {
      i++;
      if ((i & 3) === 0) while (i + 4 <= n && words[i >> 2] === 0) i += 4;
    }
    const start = i;
    while (i < n && mask[i] !== 0) {
      i++;
      if ((i & 3) === 0)
        for (; i + 4 <= n; i += 4) {
          const w = words[i >> 2]!;
          if (((w - 0x01010101) & ~w & 0x80808080) !== 0) break;
        }
    }
    if (i > start) dst.set(src.subarray(start, i), start);
  }
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

function measure(run: () => void): { ms: number; cpuMs: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu0);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

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
  const loadBefore = os.loadavg();
  const random = randomSource(2024);
  const src = new Int32Array(WIDTH * HEIGHT);
  for (let i = 0; i < src.length; i++) src[i] = random() | 0;
  const image: RgbaImage = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(src.buffer) };
  const masks: Record<"full" | "person", Mask> = {
    full: { width: WIDTH, height: HEIGHT, data: new Uint8Array(WIDTH * HEIGHT).fill(1) },
    person: personMask(WIDTH, HEIGHT),
  };
  const out: RgbaImage = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(WIDTH * HEIGHT * 4) };
  const out32 = new Int32Array(out.data.buffer);

  // In this order: the two per-word copies in place, the block copy, the per-word copy into a new buffer.
  const floors = (mask: "full" | "person") => ({
    "masked copy, per-pixel loop": () => loopCopy(src, masks[mask].data, out32),
    "masked copy, mask read 4 bytes at a time": () => wordMaskCopy(src, masks[mask].data, out32),
    "masked runs copied as blocks (memcpy)": () => blockCopy(src, masks[mask].data, out32),
    "the 4-byte masked copy into a new buffer": () => wordMaskCopy(src, masks[mask].data, new Int32Array(src.length)),
  });
  const kernels: Array<{ name: string; mask: "full" | "person"; allocates: boolean; run: () => void }> = [
    {
      name: "fuzz r=16 (as the pipeline calls it)",
      mask: "full",
      allocates: true,
      run: () => void fuzz(image, masks.full, { radius: 16 }),
    },
    {
      name: "fuzzInto r=16 (reused output)",
      mask: "full",
      allocates: false,
      run: () => fuzzInto(image, masks.full, out, { radius: 16 }),
    },
    {
      name: "fuzzInto r=64 (reused output)",
      mask: "full",
      allocates: false,
      run: () => fuzzInto(image, masks.full, out, { radius: 64 }),
    },
    {
      name: "naive fuzz r=16 (reference)",
      mask: "full",
      allocates: false,
      run: () => naiveFuzz(image, masks.full, out.data, 16),
    },
    ...(["pixelate", "blur", "fill", "background", "fuzz"] as ObfuscationMethod[]).map((method) => ({
      name: `${method} radius=16`,
      mask: "person" as const,
      allocates: true,
      run: () => void obfuscate(image, masks.person, { method, radius: 16 }),
    })),
    { name: "growMask 4 px", mask: "person", allocates: false, run: () => void growMask(masks.person, 4) },
    { name: "growMask 32 px", mask: "person", allocates: false, run: () => void growMask(masks.person, 32) },
  ];

  const floorSamples = new Map<string, { ms: number[]; cpuMs: number[] }>();
  const rows: BenchRow[] = [];
  for (const kernel of kernels) {
    const floorRuns = Object.entries(floors(kernel.mask));
    for (let k = 0; k < WARMUP; k++) for (const run of [...floorRuns.map(([, f]) => f), kernel.run]) run();
    const ms: number[] = [];
    const cpuMs: number[] = [];
    const ratios: number[] = [];
    const inPlaceRatios: number[] = [];
    const blockRatios: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const floorTimes = floorRuns.map(([name, run]) => {
        const t = measure(run);
        const key = `${name}|${kernel.mask}`;
        const samples = floorSamples.get(key) ?? { ms: [], cpuMs: [] };
        samples.ms.push(t.ms);
        samples.cpuMs.push(t.cpuMs);
        floorSamples.set(key, samples);
        return t.cpuMs;
      });
      const t = measure(kernel.run);
      ms.push(t.ms);
      cpuMs.push(t.cpuMs);
      const inPlace = Math.min(floorTimes[0]!, floorTimes[1]!);
      ratios.push(t.cpuMs / (kernel.allocates ? floorTimes[3]! : inPlace));
      inPlaceRatios.push(t.cpuMs / inPlace);
      blockRatios.push(t.cpuMs / floorTimes[2]!);
    }
    rows.push({
      name: kernel.name,
      mask: kernel.mask,
      allocates: kernel.allocates,
      medianMs: round1(median(ms)),
      cpuMs: round1(median(cpuMs)),
      cpuRatio: round2(median(ratios)),
      inPlaceRatio: round2(median(inPlaceRatios)),
      blockRatio: round2(median(blockRatios)),
    });
    console.error(`  ${kernel.name}: ${rows.at(-1)!.cpuMs} ms CPU, ${rows.at(-1)!.cpuRatio}× the copy`);
  }
  const floorRows: FloorRow[] = [...floorSamples].map(([key, s]) => {
    const [name, mask] = key.split("|") as [string, "full" | "person"];
    return { name, mask, medianMs: round1(median(s.ms)), cpuMs: round1(median(s.cpuMs)) };
  });
  const { cpuRatio: ratio, inPlaceRatio } = rows[0]!;
  const result: FuzzKernelBench = {
    width: WIDTH,
    height: HEIGHT,
    rounds: ROUNDS,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    loadAverage: [...loadBefore, ...os.loadavg()].map(round2),
    date: new Date().toISOString(),
    floors: floorRows,
    rows,
    target: {
      ratio,
      met: ratio <= FUZZ_TARGET_RATIO,
      inPlaceRatio,
      inPlaceMet: inPlaceRatio <= FUZZ_TARGET_RATIO,
    },
  };
  console.log(
    `\n${WIDTH}×${HEIGHT} RGBA, one thread, ${ROUNDS} rounds after ${WARMUP} warm-up, each kernel timed right after the floors; ` +
      `${result.cpu}, ${result.node}, load average ${result.loadAverage.slice(0, 3).join(" ")} → ${result.loadAverage.slice(3).join(" ")}\n`,
  );
  console.log(`${"floor".padEnd(44)} ${"mask".padEnd(7)} ${"wall ms".padStart(9)} ${"cpu ms".padStart(9)}`);
  for (const f of floorRows)
    console.log(
      `${f.name.padEnd(44)} ${f.mask.padEnd(7)} ${f.medianMs.toFixed(1).padStart(9)} ${f.cpuMs.toFixed(1).padStart(9)}`,
    );
  const head = ["wall ms", "cpu ms", "× copy", "× in place", "× blocks"];
  console.log(`\n${"kernel".padEnd(44)} ${"mask".padEnd(7)} ${head.map((h) => h.padStart(10)).join(" ")}`);
  for (const r of rows) {
    const cells = [r.medianMs, r.cpuMs, r.cpuRatio, r.inPlaceRatio, r.blockRatio].map((x, i) =>
      x.toFixed(i < 2 ? 1 : 2),
    );
    console.log(`${r.name.padEnd(44)} ${r.mask.padEnd(7)} ${cells.map((c) => c.padStart(10)).join(" ")}`);
  }
  const verdict = (met: boolean) => (met ? "met" : "not met");
  console.log(
    `\nCPU time over the faster per-word masked copy of the same round (median over rounds). × copy: like for like (an allocating ` +
      `kernel against the copy into a new buffer); × in place: against the copy into an existing buffer; × blocks: against the block copy.\n` +
      `fuzz r 16, full mask, as the pipeline calls it: ${ratio}× the copy like for like (target ≤ ${FUZZ_TARGET_RATIO}×: ${verdict(result.target.met)}), ` +
      `${inPlaceRatio}× the copy in place (${verdict(result.target.inPlaceMet)})`,
  );
  const dir = fileURLToPath(new URL("../bench-results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}fuzz-kernel.json`, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runFuzzKernelBench();
