// How the site feels: the built home page in headless chromium, timed in page time (performance.now() in
// the page) from a control moving, or a photo arriving, to the new result painted. wasm backend first
// (every figure), then the interactive figures again on webgl (SwiftShader here: a software renderer).
// Builds the site with the e2e set-up's code and serves dist/ on 127.0.0.1.
// Run: npx tsx bench/browser.ts (or npm run bench for every benchmark). Prints a table and writes
// bench-results/browser.json. Numbers only: nothing here asserts a timing.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import sharp from "sharp";
import { buildSite, CHROMIUM, CHROMIUM_ARGS, ensureChromium, root, startStaticServer } from "../test/e2e/setup.js";

// BENCH_BROWSER_REPS and BENCH_BROWSER_UPLOADS shorten a trial run; the defaults are the reported figures.
const REPS = Number(process.env.BENCH_BROWSER_REPS ?? 7);
const WEBGL_PHOTO_REPS = Math.min(REPS, 3);
const SETTLE_TIMEOUT = 300_000;
/** A section of the bench that takes longer than this is reported as not timed. */
const SECTION_BUDGET = Number(process.env.BENCH_BROWSER_SECTION_MINUTES ?? 20) * 60_000;
const MEMORY_UPLOADS = Number(process.env.BENCH_BROWSER_UPLOADS ?? 50);
const MEMORY_CHECKPOINTS = [1, 10, 25, 50].filter((n) => n < MEMORY_UPLOADS).concat(MEMORY_UPLOADS);
const LONGTASK_MOVES = 20;
const LONGTASK_INTERVAL_MS = 50;
const VIEWPORT = { width: 1280, height: 900 };
// Precise (unbucketed) heap sizes and a gc() to call before reading them; neither changes the timings.
const EXTRA_ARGS = ["--enable-precise-memory-info", "--js-flags=--expose-gc"];

const RADIUS = "Noise radius (px)";
const SCORE = "Detector score at least";
const CERTAINTY = "Pixel certainty at least";
const MODE_LABEL = "Outline people";
const RESOLUTION_LABEL = "Detail";
const BOXES_OPTION = "one box at a time — the 2019 method";
const UNION_OPTION = "both, combined";

export interface Row {
  readonly metric: string;
  readonly backend: string;
  readonly samples: number[];
  readonly median: number;
  readonly p90: number;
  readonly max: number;
  /** Target in ms (or count), when there is one. */
  readonly target?: number;
  readonly met?: boolean;
  readonly unit: "ms" | "count";
  readonly note?: string;
  /** Why this could not be timed (then there are no samples). */
  readonly untimed?: string;
}

export interface MemoryPoint {
  readonly uploads: number;
  readonly tensors: number | null;
  readonly tfBytesMb: number | null;
  readonly heapMb: number | null;
}

export interface BrowserBench {
  readonly machine: { cpu: string; cores: number; node: string; chromium: string; date: string; loadAverage: number[] };
  readonly photo: { width: number; height: number; source: string };
  readonly reps: number;
  readonly rows: Row[];
  readonly longTasks: Record<
    string,
    { moves: number; intervalMs: number; count: number; longestMs: number; over100: number; over50: number }
  >;
  readonly memory: MemoryPoint[];
  readonly notes: string[];
}

// ---------------------------------------------------------------------------------------------------------
// In the page: a log of every new result canvas (#fuzz-output) with the time it was painted, and of every
// status update, so a measurement can start in the page (an input event) and end at the paint after it.

interface Painted {
  at: number;
  painted: number;
  width: number;
  height: number;
}
interface StatusEvent {
  at: number;
  state: string;
  detectorRuns: number;
  segmenterRuns: number;
  backend: string;
}
interface BenchWindow {
  __bench: { canvases: Painted[]; statuses: StatusEvent[]; uploadAt: number[] };
}

function instrument(): void {
  const bench: BenchWindow["__bench"] = { canvases: [], statuses: [], uploadAt: [] };
  (window as unknown as BenchWindow).__bench = bench;
  let lastCanvas: Element | null = null;
  const afterPaint = (then: (t: number) => void) =>
    requestAnimationFrame(() => setTimeout(() => then(performance.now()), 0));
  const look = () => {
    const canvas = document.getElementById("fuzz-output") as HTMLCanvasElement | null;
    if (canvas && canvas !== lastCanvas) {
      lastCanvas = canvas;
      const entry = { at: performance.now(), painted: Number.NaN, width: canvas.width, height: canvas.height };
      bench.canvases.push(entry);
      afterPaint((t) => (entry.painted = t));
    }
    const status = document.getElementById("pipeline-status");
    if (status?.dataset.state) {
      const last = bench.statuses.at(-1);
      const next = {
        at: performance.now(),
        state: status.dataset.state,
        detectorRuns: Number(status.dataset.detectorRuns ?? 0),
        segmenterRuns: Number(status.dataset.segmenterRuns ?? 0),
        backend: status.dataset.backend ?? "",
      };
      if (
        !last ||
        last.state !== next.state ||
        last.detectorRuns !== next.detectorRuns ||
        last.segmenterRuns !== next.segmenterRuns ||
        last.backend !== next.backend
      ) {
        bench.statuses.push(next);
      }
    }
  };
  new MutationObserver(look).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-state", "data-detector-runs", "data-segmenter-runs"],
  });
  document.addEventListener(
    "input",
    (event) => {
      const target = event.target as HTMLInputElement;
      if (target.type === "file") bench.uploadAt.push(performance.now());
    },
    true,
  );
}

/** Counts of the page's logs, to find what happens after a given moment. */
async function logMarks(page: Page): Promise<{ canvases: number; statuses: number }> {
  return page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    return { canvases: b.canvases.length, statuses: b.statuses.length };
  });
}

async function currentStatus(page: Page): Promise<StatusEvent> {
  return page.locator("#pipeline-status").evaluate((el: HTMLElement) => ({
    at: performance.now(),
    state: el.dataset.state ?? "",
    detectorRuns: Number(el.dataset.detectorRuns ?? 0),
    segmenterRuns: Number(el.dataset.segmenterRuns ?? 0),
    backend: el.dataset.backend ?? "",
  }));
}

/** Waits for the pipeline to settle (done or no-people) with `accept`, then a short idle so runs do not overlap. */
async function settle(page: Page, accept: (s: StatusEvent) => boolean = () => true): Promise<StatusEvent> {
  const deadline = Date.now() + SETTLE_TIMEOUT;
  for (;;) {
    const status = await currentStatus(page);
    if (status.state === "error")
      throw new Error(`pipeline error: ${await page.locator("#pipeline-status").textContent()}`);
    if ((status.state === "done" || status.state === "no-people") && accept(status)) {
      await page.waitForTimeout(300);
      return status;
    }
    if (Date.now() > deadline) throw new Error(`pipeline did not settle: ${JSON.stringify(status)}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until a result canvas logged after `marks` has been painted; returns its paint time (page ms). */
async function nextPaint(page: Page, marks: { canvases: number }): Promise<Painted> {
  const handle = await page.waitForFunction(
    (from) => {
      const entry = (window as unknown as BenchWindow).__bench.canvases[from];
      return entry && !Number.isNaN(entry.painted) ? entry : null;
    },
    marks.canvases,
    { timeout: SETTLE_TIMEOUT, polling: 20 },
  );
  return (await handle.jsonValue()) as Painted;
}

/** Sets the range labelled `label` the way a visitor would, and returns the page time of the input event. */
async function moveRange(page: Page, label: string, value: number): Promise<number> {
  return page.evaluate(
    ([label, value]) => {
      const form = [...document.querySelectorAll("form")].find(
        (f) => f.querySelector("label")?.textContent?.trim() === label,
      );
      const input = form?.querySelector<HTMLInputElement>('input[type="range"]');
      if (!input) throw new Error(`no range labelled ${label}`);
      const t0 = performance.now();
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      return t0;
    },
    [label, value] as const,
  );
}

/** One control move → new result painted; checks that no model ran. Returns ms in page time. */
async function timeRangeMove(page: Page, label: string, value: number): Promise<number> {
  const before = await settle(page);
  const marks = await logMarks(page);
  const t0 = await moveRange(page, label, value);
  const painted = await nextPaint(page, marks);
  const after = await settle(page);
  if (after.detectorRuns !== before.detectorRuns || after.segmenterRuns !== before.segmenterRuns) {
    throw new Error(`moving "${label}" ran a model: ${JSON.stringify({ before, after })}`);
  }
  // The page says how long the hiding stage's computation took (the rest is other stages and drawing).
  const details = (await page.locator("#pipeline-status small").textContent()) ?? "";
  hideMsSamples.push(Number(/Hiding took (\d+) ms/.exec(details)?.[1] ?? Number.NaN));
  return painted.painted - t0;
}

/** "Hiding took N ms" after each timed control move, since the last reset. */
let hideMsSamples: number[] = [];

async function upload(page: Page, file: { name: string; buffer: Buffer }): Promise<number> {
  const before = await settle(page);
  const marks = await page.evaluate(() => (window as unknown as BenchWindow).__bench.uploadAt.length);
  const canvasMarks = await logMarks(page);
  await page.locator('.drop-input input[type="file"]').setInputFiles({
    name: file.name,
    mimeType: file.name.endsWith(".png") ? "image/png" : "image/jpeg",
    buffer: file.buffer,
  });
  const done = await settle(page, (s) => s.detectorRuns > before.detectorRuns);
  if (done.state !== "done") throw new Error(`upload of ${file.name} ended in state ${done.state}`);
  const painted = await nextPaint(page, canvasMarks);
  const t0 = await page.evaluate((i) => (window as unknown as BenchWindow).__bench.uploadAt[i]!, marks);
  // Done means the status says so and the new result is on screen.
  const doneAt = await page.evaluate(
    ([from, runs]) =>
      (window as unknown as BenchWindow).__bench.statuses.find(
        (s, i) => i >= from && s.state === "done" && s.detectorRuns >= runs,
      )?.at ?? Number.NaN,
    [canvasMarks.statuses, before.detectorRuns + 1] as const,
  );
  return Math.max(painted.painted, doneAt) - t0;
}

async function selectOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

async function setBackend(page: Page, backend: string): Promise<void> {
  await settle(page);
  await page.getByRole("radio", { name: backend, exact: true }).check();
  await settle(page, (s) => s.backend === backend);
}

// ---------------------------------------------------------------------------------------------------------

function stats(samples: number[]): { median: number; p90: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { median: round(sorted[Math.floor(sorted.length / 2)]!), p90: round(at(0.9)), max: round(sorted.at(-1)!) };
}

function row(
  metric: string,
  backend: string,
  samples: number[],
  target?: number,
  note?: string,
  unit: Row["unit"] = "ms",
): Row {
  const s = stats(samples);
  return {
    metric,
    backend,
    samples: samples.map((x) => Math.round(x * 10) / 10),
    ...s,
    target,
    met: target === undefined ? undefined : s.median <= target,
    unit,
    note,
  };
}

async function repeat(times: number, fn: (i: number) => Promise<number>, warmUp = true): Promise<number[]> {
  if (warmUp) await fn(-1);
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await fn(i));
  return samples;
}

/** Photos at run time: the 8-person street scaled up, a 2×2 mosaic of the samples, the other street scaled up. */
async function makePhotos(): Promise<{ name: string; buffer: Buffer }[]> {
  const sample = (name: string) => readFile(join(root, "data/samples", name));
  const group = await sharp(await sample("street-group.jpg"))
    .resize(1280, 960)
    .jpeg({ quality: 90 })
    .toBuffer();
  const walker = await sharp(await sample("street-walker.jpg"))
    .resize(1280, 960)
    .jpeg({ quality: 90 })
    .toBuffer();
  const tiles = await Promise.all(
    ["street-group.jpg", "street-walker.jpg", "camera.png", "astronaut.png"].map(async (name) =>
      sharp(await sample(name))
        .resize(640, 425, { fit: "cover" })
        .png()
        .toBuffer(),
    ),
  );
  const mosaic = await sharp({ create: { width: 1280, height: 850, channels: 3, background: "#000" } })
    .composite(tiles.map((input, i) => ({ input, left: (i % 2) * 640, top: Math.floor(i / 2) * 425 })))
    .jpeg({ quality: 90 })
    .toBuffer();
  return [
    { name: "street-group-1280.jpg", buffer: group },
    { name: "mosaic-1280x850.jpg", buffer: mosaic },
    { name: "street-walker-1280.jpg", buffer: walker },
  ];
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: "block" });
  // tsx (esbuild, keepNames) wraps named functions in __name(), which the page does not have.
  await context.addInitScript({ content: `globalThis.__name ??= (f) => f; (${instrument.toString()})();` });
  // No network: anything not on 127.0.0.1 is refused, as in the e2e tests.
  await context.route("**/*", (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    return protocol === "http:" && hostname !== "127.0.0.1" ? route.abort("blockedbyclient") : route.continue();
  });
  return context;
}

/** Page open (fresh context, nothing cached) → first result painted, in ms since navigation start. */
async function coldOpen(browser: Browser, url: string): Promise<number> {
  const context = await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    const painted = await nextPaint(page, { canvases: 0 });
    await settle(page);
    return painted.painted;
  } finally {
    await context.close();
  }
}

/** Long tasks (PerformanceObserver "longtask") while the noise radius is moved every LONGTASK_INTERVAL_MS. */
async function longTasks(
  page: Page,
): Promise<{ moves: number; intervalMs: number; count: number; longestMs: number; over100: number; over50: number }> {
  await settle(page);
  const marks = await logMarks(page);
  await page.evaluate(
    async ([moves, interval, label]) => {
      const w = window as unknown as { __longtasks: number[] };
      w.__longtasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push(e.duration);
      });
      observer.observe({ type: "longtask" });
      (w as unknown as { __longtaskObserver: PerformanceObserver }).__longtaskObserver = observer;
      const form = [...document.querySelectorAll("form")].find(
        (f) => f.querySelector("label")?.textContent?.trim() === label,
      )!;
      const input = form.querySelector<HTMLInputElement>('input[type="range"]')!;
      for (let i = 0; i < moves; i++) {
        input.value = String(9 + i);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => setTimeout(r, interval));
      }
    },
    [LONGTASK_MOVES, LONGTASK_INTERVAL_MS, RADIUS] as const,
  );
  // The last move's result painted and everything settled.
  await page.waitForFunction(
    (from) => (window as unknown as BenchWindow).__bench.canvases.slice(from).some((c) => !Number.isNaN(c.painted)),
    marks.canvases,
    { timeout: SETTLE_TIMEOUT },
  );
  await settle(page);
  await page.waitForTimeout(500);
  const durations = await page.evaluate(() => {
    const w = window as unknown as { __longtasks: number[]; __longtaskObserver: PerformanceObserver };
    w.__longtaskObserver.disconnect();
    return w.__longtasks;
  });
  await moveRange(page, RADIUS, 8); // back to the default
  await settle(page);
  return {
    moves: LONGTASK_MOVES,
    intervalMs: LONGTASK_INTERVAL_MS,
    count: durations.length,
    longestMs: Math.round(Math.max(0, ...durations)),
    over100: durations.filter((d) => d > 100).length,
    over50: durations.filter((d) => d > 50).length,
  };
}

async function readMemory(page: Page, uploads: number): Promise<MemoryPoint> {
  return page.evaluate(async (uploads) => {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 100));
    // The page does not expose tfjs: import the module it loaded (same URL, so the same instance).
    const url = performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .find((name) => /\/_(npm|node)\/@tensorflow\/tfjs@[^/]+\/.*\.js$/.test(name));
    let tensors: number | null = null;
    let tfBytesMb: number | null = null;
    if (url) {
      const tf = (await import(url)) as { memory(): { numTensors: number; numBytes: number } };
      const memory = tf.memory();
      tensors = memory.numTensors;
      tfBytesMb = Math.round((memory.numBytes / 1e6) * 10) / 10;
    }
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
    return { uploads, tensors, tfBytesMb, heapMb: heap === undefined ? null : Math.round((heap / 1e6) * 10) / 10 };
  }, uploads);
}

async function newPhotoRows(
  page: Page,
  backend: string,
  photos: { name: string; buffer: Buffer }[],
  reps: number,
  rows: Row[],
  faster = true,
): Promise<void> {
  // Alternate two photos so every upload is a new file.
  const pick = (i: number) => photos[(i + 1) % 2]!;
  rows.push(
    row(
      "new photo → done (union, full)",
      backend,
      await repeat(reps, (i) => upload(page, pick(i))),
      500,
      reps < REPS ? `${reps} runs only (slow)` : undefined,
    ),
  );
  if (!faster) return;
  await selectOption(page, MODE_LABEL, BOXES_OPTION);
  await settle(page);
  await selectOption(page, RESOLUTION_LABEL, "medium");
  await settle(page);
  rows.push(
    row(
      "new photo → done (boxes, medium)",
      backend,
      await repeat(reps, (i) => upload(page, pick(i))),
      undefined,
      "for context",
    ),
  );
  await selectOption(page, MODE_LABEL, UNION_OPTION);
  await settle(page);
  await selectOption(page, RESOLUTION_LABEL, "full");
  await settle(page);
}

async function interactiveRows(page: Page, backend: string, reps: number, rows: Row[]): Promise<void> {
  const measure = async (
    metric: string,
    label: string,
    value: (i: number) => number,
    reset: number,
    target: number,
    note: string,
  ) => {
    const samples = await repeat(reps, (i) => timeRangeMove(page, label, value(i)));
    const hide = stats(hideMsSamples.slice(-reps)).median;
    rows.push(row(metric, backend, samples, target, `${note}hiding stage ${hide} ms of it`));
    await timeRangeMove(page, label, reset);
    hideMsSamples = [];
  };
  // Values step away from the default and come back.
  await measure("noise radius → painted", RADIUS, (i) => (i % 2 ? 8 : 12 + (i + 1)), 8, 50, "");
  await measure(
    "score threshold → painted",
    SCORE,
    (i) => (i % 2 ? 0.3 : 0.5 + 0.02 * (i + 1)),
    0.3,
    100,
    "no model run; ",
  );
  await measure("pixel certainty → painted", CERTAINTY, (i) => (i % 2 ? 0.4 : 0.6), 0.4, 100, "no model run; ");
}

function printTable(result: BrowserBench): void {
  const { machine, photo } = result;
  console.log(
    `\nThe site in headless chromium ${machine.chromium}, ${machine.cpu} (${machine.cores} cores), photo ${photo.width}×${photo.height}; page time, ${result.reps} runs after a warm-up`,
  );
  const header = [
    "metric".padEnd(34),
    "backend".padEnd(7),
    "median".padStart(8),
    "p90".padStart(8),
    "max".padStart(8),
    "target".padStart(8),
    "met?".padStart(5),
  ];
  console.log(header.join(" "));
  for (const r of result.rows) {
    if (r.untimed) {
      console.log(`${r.metric.padEnd(34)} ${r.backend.padEnd(7)} not timed: ${r.untimed}`);
      continue;
    }
    const unit = r.unit === "ms" ? "" : " #";
    console.log(
      [
        r.metric.padEnd(34),
        r.backend.padEnd(7),
        `${r.median}${unit}`.padStart(8),
        `${r.p90}`.padStart(8),
        `${r.max}`.padStart(8),
        (r.target === undefined ? "—" : `≤ ${r.target}`).padStart(8),
        (r.met === undefined ? "" : r.met ? "yes" : "no").padStart(5),
        r.note ? ` ${r.note}` : "",
      ].join(" "),
    );
  }
  for (const [backend, t] of Object.entries(result.longTasks)) {
    console.log(
      `\nLong tasks while the noise radius moves ${t.moves} times, every ${t.intervalMs} ms (${backend}): ${t.count} long tasks, longest ${t.longestMs} ms, ` +
        `${t.over100} over 100 ms (target: none) — ${t.over100 === 0 ? "met" : "not met"}`,
    );
  }
  console.log(`\nMemory over ${MEMORY_UPLOADS} uploads in a row (wasm):`);
  console.log(["uploads".padStart(8), "tensors".padStart(8), "tf MB".padStart(8), "JS heap MB".padStart(11)].join(" "));
  for (const m of result.memory)
    console.log(
      [m.uploads, m.tensors ?? "?", m.tfBytesMb ?? "?", m.heapMb ?? "?"].map((x) => String(x).padStart(8)).join(" "),
    );
  for (const note of result.notes) console.log(`note: ${note}`);
}

/** Builds the site, runs every measurement, prints the table and writes bench-results/browser.json. */
export async function runBrowserBench(): Promise<BrowserBench> {
  ensureChromium();
  const loadBefore = os.loadavg();
  await buildSite();
  const server = await startStaticServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...EXTRA_ARGS],
  });
  const rows: Row[] = [];
  const longTaskResults: BrowserBench["longTasks"] = {};
  const memory: MemoryPoint[] = [];
  const notes: string[] = [];
  const log = (text: string) => console.error(`browser bench: ${text}`);
  const push = rows.push.bind(rows);
  rows.push = (...added: Row[]) => {
    for (const r of added) log(`${r.metric} (${r.backend}): median ${r.median}, max ${r.max}`);
    return push(...added);
  };
  try {
    const photos = await makePhotos();
    const photoMeta = await sharp(photos[0]!.buffer).metadata();

    // Each section is timed on its own: one that fails (e.g. a webgl run on SwiftShader that does not settle
    // on a loaded machine) is reported as not timed, with its reason, and the bench goes on.
    const section = async (name: string, backend: string, run: () => Promise<void>, budgetMs = SECTION_BUDGET) => {
      log(name);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const overBudget = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not done within ${budgetMs / 60_000} min`)), budgetMs);
      });
      // A section past its budget goes on in the background until its page is closed: never an unhandled rejection.
      const running = run();
      running.catch(() => {});
      try {
        await Promise.race([running, overBudget]);
        return true;
      } catch (error) {
        const reason = ((error as Error).message || String(error)).split("\n")[0]!;
        log(`${name}: not timed (${reason})`);
        notes.push(`${name}: not timed (${reason})`);
        rows.push({ ...row(name, backend, [Number.NaN]), untimed: reason });
        return false;
      } finally {
        clearTimeout(timer);
      }
    };

    await section("page open → first result painted (cold)", "wasm", async () => {
      rows.push(
        row(
          "page open → first result painted (cold)",
          "wasm",
          await repeat(REPS, () => coldOpen(browser, server.baseUrl), false),
          4000,
          "fresh context each time",
        ),
      );
    });

    let context = await newContext(browser);
    let page = await context.newPage();
    const wasmReady = await section("wasm: open the home page and upload a photo", "wasm", async () => {
      await page.goto(server.baseUrl, { waitUntil: "load" });
      await settle(page);
      await upload(page, photos[0]!);
    });
    if (wasmReady) {
      await section("wasm: interactive", "wasm", () => interactiveRows(page, "wasm", REPS, rows));
      await section("wasm: long tasks", "wasm", async () => {
        longTaskResults.wasm = await longTasks(page);
      });
      await section("wasm: new photo", "wasm", () => newPhotoRows(page, "wasm", photos, REPS, rows));
      await section("wasm: memory", "wasm", async () => {
        await upload(page, photos[0]!);
        memory.push({ ...(await readMemory(page, 0)) });
        for (let i = 1; i <= MEMORY_UPLOADS; i++) {
          await upload(page, photos[i % photos.length]!);
          if (MEMORY_CHECKPOINTS.includes(i)) memory.push(await readMemory(page, i));
        }
        if (memory.some((m) => m.tensors === null))
          notes.push("tfjs module not found among the page's resources: tensor counts missing");
      });
    }

    // webgl in a fresh page, so a wasm section that failed leaves nothing behind.
    await context.close();
    context = await newContext(browser);
    page = await context.newPage();
    const webglReady = await section("webgl: interactive", "webgl", async () => {
      await page.goto(server.baseUrl, { waitUntil: "load" });
      await settle(page);
      await upload(page, photos[0]!);
      await setBackend(page, "webgl");
      await interactiveRows(page, "webgl", REPS, rows);
      longTaskResults.webgl = await longTasks(page);
    });
    // On SwiftShader a 1280×960 photo takes over a minute: fewer runs, and the default settings only.
    if (webglReady)
      await section("webgl: new photo", "webgl", () =>
        newPhotoRows(page, "webgl", photos, WEBGL_PHOTO_REPS, rows, false),
      );
    notes.push(
      "webgl runs on SwiftShader (a software renderer) in this headless chromium: far slower than on a real GPU",
    );
    notes.push(
      `memory: read after one upload (0), then over ${MEMORY_UPLOADS} uploads alternating 3 photos; JS heap after gc()`,
    );

    await context.close();
    const result: BrowserBench = {
      machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        node: process.version,
        chromium: browser.version(),
        date: new Date().toISOString(),
        loadAverage: [...loadBefore, ...os.loadavg()].map((x) => Math.round(x * 100) / 100),
      },
      photo: {
        width: photoMeta.width!,
        height: photoMeta.height!,
        source: "data/samples/street-group.jpg scaled to 1280×960 (sharp)",
      },
      reps: REPS,
      rows,
      longTasks: longTaskResults,
      memory,
      notes,
    };
    printTable(result);
    await mkdir(join(root, "bench-results"), { recursive: true });
    await writeFile(join(root, "bench-results/browser.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await runBrowserBench();
