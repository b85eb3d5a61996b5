// Reading the home page in the e2e tests: its status line (#pipeline-status), its result (#fuzz-output) and
// the frames drawn into it, and the model worker's tensors.
import type { Page } from "playwright-core";

/** States in which the pipeline has stopped (until a setting or the photo changes). */
const SETTLED = ["done", "no-people", "error"];

export interface HomeStatus {
  state: string;
  text: string;
  people: number;
  detectorRuns: number;
  segmenterRuns: number;
  backend: string;
  /** build: shown from a sample's build-time stages; models: computed in this browser. */
  source: string;
  /** The models: idle, loading, ready or failed. */
  models: string;
  /** Where the models and the pixel work run: worker, main thread or not started. */
  modelsWhere: string;
  pixelsWhere: string;
  /** The last frame drawn: provisional, preview or final. */
  frame: string;
}

export function readStatus(page: Page): Promise<HomeStatus> {
  return page.locator("#pipeline-status").evaluate((element: HTMLElement) => ({
    state: element.dataset.state ?? "",
    text: element.textContent ?? "",
    people: Number(element.dataset.people),
    detectorRuns: Number(element.dataset.detectorRuns),
    segmenterRuns: Number(element.dataset.segmenterRuns),
    backend: element.dataset.backend ?? "",
    source: element.dataset.source ?? "",
    models: element.dataset.models ?? "",
    modelsWhere: element.dataset.modelsWhere ?? "",
    pixelsWhere: element.dataset.pixelsWhere ?? "",
    frame: element.dataset.frame ?? "",
  }));
}

/** Waits until the status is settled and `accept` holds, e.g. until the pipeline has run on a new photo. Settled: a final result is drawn, or an error is said. */
export async function waitForStatus(
  page: Page,
  accept: (status: HomeStatus) => boolean = () => true,
  timeout = 150_000,
): Promise<HomeStatus> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const status = await readStatus(page);
    if (SETTLED.includes(status.state) && (status.state === "error" || status.frame === "final") && accept(status))
      return status;
    if (Date.now() > deadline) throw new Error(`status never settled as expected; last: ${JSON.stringify(status)}`);
    await page.waitForTimeout(50);
  }
}

export interface Upload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Chooses `file` in the photo picker and waits until the pipeline has run on it. */
export async function upload(page: Page, file: Upload): Promise<HomeStatus> {
  const before = await readStatus(page);
  await page.locator('.drop-input input[type="file"]').setInputFiles(file);
  return waitForStatus(page, (s) => s.detectorRuns > before.detectorRuns);
}

export interface Output {
  width: number;
  height: number;
  hash: string;
  /** The RGBA values, when asked for. */
  data: number[];
}

/** #fuzz-output's size, a hash of its pixels, and (with `withData`) the pixels themselves. */
export function readOutput(page: Page, withData = false): Promise<Output> {
  return page.locator("#fuzz-output").evaluate((canvas: HTMLCanvasElement, withData: boolean) => {
    const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
    let hash = 0x811c9dc5;
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i]!, 0x01000193);
    return {
      width: canvas.width,
      height: canvas.height,
      hash: (hash >>> 0).toString(16),
      data: withData ? Array.from(data) : [],
    };
  }, withData);
}

/** The text under "1 · The photo": the photo's name, size and the decoder's notes. */
export async function photoCardText(page: Page): Promise<string> {
  const text = await page
    .locator(".card", { has: page.locator("h2", { hasText: "1 · The photo" }) })
    .locator("p")
    .first()
    .textContent();
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** The name of any shipped sample, as the photo card starts. */
export const SAMPLE_NAME = /^(street-group\.jpg|street-walker\.jpg|astronaut\.png|camera\.png)$/;

/** Waits until the final result of the photo named `name` (e.g. a sample, shown from its build-time stages) is drawn. */
export async function waitForPhoto(page: Page, name: string | RegExp, timeout = 150_000): Promise<HomeStatus> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const card = await photoCardText(page);
    const kind = await page.locator("#fuzz-output").getAttribute("data-kind");
    const shown = card.slice(0, card.indexOf(","));
    if ((typeof name === "string" ? shown === name : name.test(shown)) && kind === "final") {
      const status = await readStatus(page);
      if (status.frame === "final" && SETTLED.includes(status.state)) return status;
    }
    if (Date.now() > deadline) throw new Error(`${name}'s result was never drawn; card: ${card}`);
    await page.waitForTimeout(50);
  }
}

/** A frame drawn into #fuzz-output: its kind, the settings it was computed with, its size. */
export interface Frame {
  kind: string;
  settings: Record<string, number | string>;
  width: number;
  height: number;
  /** Page time it was drawn. */
  at: number;
}

/** Starts logging every frame drawn into #fuzz-output (window.__frames), also across new photos. */
export async function recordFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: Frame[]; __frameObserver?: MutationObserver };
    w.__frames = [];
    w.__frameObserver?.disconnect();
    w.__frameObserver = new MutationObserver((records) => {
      for (const record of records) {
        const canvas = record.target as HTMLCanvasElement;
        if (record.attributeName !== "data-frame" || canvas.id !== "fuzz-output") continue;
        w.__frames.push({
          kind: canvas.dataset.kind ?? "",
          settings: JSON.parse(canvas.dataset.settings ?? "{}"),
          width: canvas.width,
          height: canvas.height,
          at: performance.now(),
        });
      }
    });
    w.__frameObserver.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-frame"] });
  });
}

/** The frames logged since recordFrames. */
export function readFrames(page: Page): Promise<Frame[]> {
  return page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames);
}

/** The tfjs tensor count where the models run: the model worker (or the page, after a fallback). */
export async function numTensors(page: Page): Promise<number> {
  const worker = page.workers().find((w) => w.url().includes("model-worker"));
  // A string, so vitest does not rewrite it; tfjs keeps its engine on the global object of its realm.
  const read = "globalThis._tfengine ? globalThis._tfengine.memory().numTensors : -1";
  const count = Number(worker ? await worker.evaluate(read) : await page.evaluate(read));
  if (count < 0) throw new Error("no tfjs engine in the model worker or on the page");
  return count;
}

/** Waits until #fuzz-output shows the final result computed with `setting` at `value` (e.g. after a slider moved). */
export async function waitForFinalWith(page: Page, setting: string, value: number | string): Promise<void> {
  await page.waitForFunction(
    ([setting, value]) => {
      const result = document.querySelector<HTMLElement>("#fuzz-output")!;
      return result.dataset.kind === "final" && JSON.parse(result.dataset.settings ?? "{}")[setting] === value;
    },
    [setting, value] as const,
    { timeout: 150_000, polling: 100 },
  );
}
