// The pipeline's workers in headless chromium, through the worker harness (test/e2e/harness): each stage's
// time inside its worker against the page's round trip for it, on a 1280×960 photo (street-group scaled up),
// the raw cost of moving that photo to a worker and back (transferred or copied), and the page's longest
// task while 20 radius changes are computed in the worker 50 ms apart.
// Run: npx tsx bench/workers.ts (or npm run bench). Prints a table, writes bench-results/workers.json.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import type { PipelineClient } from "../components/browser/pipeline-client.js";
import type { RgbaImage } from "../components/core/types.js";
import type { PipelineSettings } from "../components/pipeline/settings.js";
import type { selectRegions } from "../components/pipeline/stages.js";
import { buildHarness, CHROMIUM, CHROMIUM_ARGS, ensureChromium, root, startStaticServer } from "../test/e2e/setup.js";

const REPS = Number(process.env.BENCH_WORKER_REPS ?? 7);
const ECHO_REPS = 20;
const WIDTH = 1280;
const HEIGHT = 960;

interface StageTiming {
  readonly stage: string;
  /** Median ms inside the worker (the stage's own `ms`), or null when the stage does not report it. */
  readonly workerMs: number | null;
  /** Median ms from the page's call to its promise resolving. */
  readonly roundTripMs: number;
}

export interface WorkerBench {
  readonly machine: { cpu: string; cores: number; chromium: string; date: string; loadAverage: number[] };
  readonly photo: { width: number; height: number };
  readonly reps: number;
  readonly backend: string;
  readonly stages: StageTiming[];
  /** Round trip of one 1280×960 RGBA image to a worker and back, median ms. */
  readonly echo: { bytes: number; transferMs: number; copyMs: number };
  readonly dragging: { moves: number; intervalMs: number; longestTaskMs: number; longTasks: number };
}

interface HarnessWindow {
  harness: {
    PipelineClient: typeof PipelineClient;
    stages: { selectRegions: typeof selectRegions };
    DEFAULT_SETTINGS: PipelineSettings;
    loadSample(name: string): Promise<RgbaImage>;
  };
}

/** In the page: every measurement. Self-contained (it is sent to the page as source). */
async function measure(config: { reps: number; echoReps: number; width: number; height: number }) {
  const h = (window as unknown as HarnessWindow).harness;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const sample = await h.loadSample("street-group.jpg");
  // The sample scaled to 1280×960, as a visitor's photo.
  const small = new OffscreenCanvas(sample.width, sample.height);
  small
    .getContext("2d")!
    .putImageData(new ImageData(new Uint8ClampedArray(sample.data), sample.width, sample.height), 0, 0);
  const canvas = new OffscreenCanvas(config.width, config.height);
  const context = canvas.getContext("2d")!;
  context.drawImage(small, 0, 0, config.width, config.height);
  const image = {
    width: config.width,
    height: config.height,
    data: context.getImageData(0, 0, config.width, config.height).data,
  };

  const client = new h.PipelineClient();
  const ready = await client.loadModels("wasm");
  const settings = h.DEFAULT_SETTINGS;
  const preview = { size: { width: 640, height: 480 } };
  const samples: Record<string, { worker: number[]; roundTrip: number[] }> = {};
  const timed = async <T extends object>(stage: string, call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const value = await call();
    const entry = samples[stage] ?? { worker: [], roundTrip: [] };
    samples[stage] = entry;
    entry.roundTrip.push(performance.now() - start);
    if ("ms" in value && typeof value.ms === "number") entry.worker.push(value.ms);
    return value;
  };
  for (let rep = -1; rep < config.reps; rep++) {
    if (rep === 0) for (const key of Object.keys(samples)) delete samples[key]; // the warm-up pass's
    const prepared = await timed("prepareImage (photo to the pixel worker)", () => client.prepareImage(image));
    const detection = await timed("detectObjects", () => client.detectObjects(prepared));
    const provisional = await timed("provisionalMask", () => client.provisionalMask(prepared, detection, settings));
    await timed("obfuscatePeople, provisional mask", () =>
      client.obfuscatePeople(prepared, provisional.mask, settings),
    );
    const segmentation = await timed("segmentPeople (union, full)", () =>
      client.segmentPeople(prepared, detection, settings),
    );
    const regions = h.stages.selectRegions(segmentation, detection, settings);
    const masks = await timed("buildMask", () => client.buildMask(prepared, regions, settings));
    const previewMasks = await timed("buildMask, 640×480 preview", () =>
      client.buildMask(prepared, regions, settings, preview),
    );
    await timed("obfuscatePeople (background r 8)", () => client.obfuscatePeople(prepared, masks.mask, settings));
    await timed("obfuscatePeople (fuzz r 16)", () =>
      client.obfuscatePeople(prepared, masks.mask, { ...settings, method: "fuzz", radius: 16 }),
    );
    await timed("obfuscatePeople, 640×480 preview", () =>
      client.obfuscatePeople(prepared, previewMasks.mask, settings),
    );
  }

  // Raw postMessage of one image to a worker and back: transferred both ways, or copied both ways.
  const echo = new Worker(
    URL.createObjectURL(
      new Blob(
        [
          "onmessage = (e) => { const { data, transfer } = e.data; postMessage({ data }, transfer ? [data.buffer] : []); };",
        ],
        { type: "text/javascript" },
      ),
    ),
  );
  const roundTrip = (transfer: boolean) =>
    new Promise<number>((resolve) => {
      const data = new Uint8ClampedArray(image.data);
      const start = performance.now();
      echo.onmessage = () => resolve(performance.now() - start);
      echo.postMessage({ data, transfer }, transfer ? [data.buffer] : []);
    });
  const transfer: number[] = [];
  const copy: number[] = [];
  for (let i = -2; i < config.echoReps; i++) {
    const t = await roundTrip(true);
    const c = await roundTrip(false);
    if (i < 0) continue;
    transfer.push(t);
    copy.push(c);
  }
  echo.terminate();

  // 20 radius changes 50 ms apart, computed in the worker: the page's long tasks meanwhile.
  const prepared = await client.prepareImage(image);
  const detection = await client.detectObjects(prepared);
  const segmentation = await client.segmentPeople(prepared, detection, settings);
  const masks = await client.buildMask(prepared, h.stages.selectRegions(segmentation, detection, settings), settings);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: "longtask" });
  const moves: Promise<unknown>[] = [];
  for (let i = 0; i < 20; i++) {
    moves.push(client.obfuscatePeople(prepared, masks.mask, { ...settings, radius: 9 + i }).catch(() => null));
    await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(moves);
  await new Promise((r) => setTimeout(r, 200));
  observer.disconnect();

  return {
    backend: ready.backend,
    stages: Object.entries(samples).map(([stage, s]) => ({
      stage,
      workerMs: s.worker.length ? Math.round(median(s.worker) * 10) / 10 : null,
      roundTripMs: Math.round(median(s.roundTrip) * 10) / 10,
    })),
    echo: {
      bytes: image.data.byteLength,
      transferMs: Math.round(median(transfer) * 100) / 100,
      copyMs: Math.round(median(copy) * 100) / 100,
    },
    dragging: {
      moves: 20,
      intervalMs: 50,
      longestTaskMs: Math.round(Math.max(0, ...longTasks)),
      longTasks: longTasks.length,
    },
  };
}

export async function runWorkerBench(): Promise<WorkerBench> {
  ensureChromium();
  const loadBefore = os.loadavg();
  await buildHarness();
  const server = await startStaticServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    // tsx (esbuild, keepNames) wraps named functions in __name(), which the page does not have.
    await context.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
    const page = await context.newPage();
    await page.goto(server.harnessUrl, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.harness === "ready", null, { timeout: 120_000 });
    const measured = await page.evaluate(measure, { reps: REPS, echoReps: ECHO_REPS, width: WIDTH, height: HEIGHT });
    const result: WorkerBench = {
      machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        chromium: browser.version(),
        date: new Date().toISOString(),
        loadAverage: [...loadBefore, ...os.loadavg()].map((x) => Math.round(x * 100) / 100),
      },
      photo: { width: WIDTH, height: HEIGHT },
      reps: REPS,
      ...measured,
    };
    console.log(
      `\nWorkers in headless chromium ${result.machine.chromium} (${result.backend}), ${WIDTH}×${HEIGHT} photo, median of ${REPS} after a warm-up; load average ${result.machine.loadAverage.join(" ")}`,
    );
    console.log(
      `${"stage".padEnd(42)} ${"in worker".padStart(10)} ${"round trip".padStart(11)} ${"overhead".padStart(9)}`,
    );
    for (const s of result.stages) {
      const overhead = s.workerMs === null ? "—" : (s.roundTripMs - s.workerMs).toFixed(1);
      console.log(
        `${s.stage.padEnd(42)} ${(s.workerMs === null ? "—" : s.workerMs.toFixed(1)).padStart(10)} ${s.roundTripMs.toFixed(1).padStart(11)} ${overhead.padStart(9)}`,
      );
    }
    console.log(
      `\nOne ${WIDTH}×${HEIGHT} RGBA image (${(result.echo.bytes / 1e6).toFixed(1)} MB) to a worker and back: transferred ${result.echo.transferMs} ms, copied ${result.echo.copyMs} ms (median of ${ECHO_REPS})`,
    );
    console.log(
      `20 radius changes 50 ms apart, computed in the pixel worker: ${result.dragging.longTasks} long tasks on the page, longest ${result.dragging.longestTaskMs} ms (no drawing in this harness)`,
    );
    await mkdir(join(root, "bench-results"), { recursive: true });
    await writeFile(join(root, "bench-results/workers.json"), `${JSON.stringify(result, null, 2)}\n`);
    await context.close();
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await runWorkerBench();
