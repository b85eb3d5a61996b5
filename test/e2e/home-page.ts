// Reading the home page in the e2e tests: its status line (#pipeline-status) and its result (#fuzz-output).
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
}

export function readStatus(page: Page): Promise<HomeStatus> {
  return page.locator("#pipeline-status").evaluate((element: HTMLElement) => ({
    state: element.dataset.state ?? "",
    text: element.textContent ?? "",
    people: Number(element.dataset.people),
    detectorRuns: Number(element.dataset.detectorRuns),
    segmenterRuns: Number(element.dataset.segmenterRuns),
    backend: element.dataset.backend ?? "",
  }));
}

/** Waits until the status is settled and `accept` holds, e.g. until the pipeline has run on a new photo. */
export async function waitForStatus(
  page: Page,
  accept: (status: HomeStatus) => boolean = () => true,
  timeout = 150_000,
): Promise<HomeStatus> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const status = await readStatus(page);
    if (SETTLED.includes(status.state) && accept(status)) return status;
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
