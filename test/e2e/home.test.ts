// The home page on the built site: the default sample shown from its build-time stages before any model loads,
// the models loading in the background, settings that re-run only the stages after them (checked with the
// models' run counters) with previews while they move and never a stale frame, the provisional result of a new
// photo, uploads good and bad, the download, model failures, a worker crash, and both themes at desktop and
// phone sizes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { OBFUSCATION_METHODS } from "../../components/core/obfuscate.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  closeBrowser,
  DESKTOP,
  expectNoObservableErrors,
  type OpenedPage,
  openPage,
  PHONE,
  screenshot,
} from "./browser.js";
import {
  readFrames,
  readOutput,
  readStatus,
  recordFrames,
  SAMPLE_NAME,
  upload,
  waitForPhoto,
  waitForStatus,
} from "./home-page.js";
import { root } from "./setup.js";

const LOAD_TIMEOUT = 150_000;

/** Waits until #fuzz-output's pixels differ from `before` (the hiding stage has re-run). */
async function waitForNewOutput(page: Page, before: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { hash } = await readOutput(page);
    if (hash !== before) return hash;
    if (Date.now() > deadline) throw new Error("#fuzz-output did not change");
    await page.waitForTimeout(100);
  }
}

/** Moves the range slider labelled `label` the way a visitor would: set its value, dispatch "input". */
async function setRange(page: Page, label: string, value: number): Promise<void> {
  const form = page.locator("form").filter({ has: page.getByText(label, { exact: true }) });
  await form.locator('input[type="range"]').evaluate((input: HTMLInputElement, v: number) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** Sets the labelled range to each of `values` in turn, `gapMs` apart, timed by the page's own timers. */
async function dragRange(page: Page, label: string, values: readonly number[], gapMs: number): Promise<void> {
  const form = page.locator("form").filter({ has: page.getByText(label, { exact: true }) });
  await form.locator('input[type="range"]').evaluate(
    async (input: HTMLInputElement, { values, gapMs }) => {
      for (const v of values) {
        input.value = String(v);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, gapMs));
      }
    },
    { values, gapMs },
  );
}

/** Puts the hiding settings back to the site's defaults (waiting for the new result if one moved). */
async function useDefaultHiding(page: Page): Promise<void> {
  const { hash } = await readOutput(page);
  const method = page.getByLabel("Hide with");
  const label = OBFUSCATION_METHODS[DEFAULT_SETTINGS.method].label;
  const radius = page.locator("form").filter({ has: page.getByText("Noise radius (px)", { exact: true }) });
  const moved =
    (await method.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)) !== label ||
    (await radius.locator('input[type="range"]').inputValue()) !== String(DEFAULT_SETTINGS.radius);
  if (!moved) return;
  await method.selectOption({ label });
  await setRange(page, "Noise radius (px)", DEFAULT_SETTINGS.radius);
  await waitForNewOutput(page, hash);
  await waitForStatus(page);
}

function expectClean(opened: OpenedPage): void {
  expect(opened.foreignRequests, "requests to hosts other than 127.0.0.1").toEqual([]);
  expect(opened.pageErrors, "uncaught page errors").toEqual([]);
}

const camera = readFileSync(join(root, "data/samples/camera.png"));

afterAll(closeBrowser);

describe("home page: the pipeline on one page", () => {
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    const started = Date.now();
    opened = await openPage("", DESKTOP);
    page = opened.page;
    await waitForStatus(page);
    console.log(
      `e2e home: default sample done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(await readStatus(page)).text}`,
    );
  }, LOAD_TIMEOUT);
  afterAll(() => opened?.close());

  test("shows the default sample from its build-time stages, then loads the models offline in a worker (wasm)", async () => {
    let status = await readStatus(page);
    expect(status.state, status.text).toBe("done");
    expect(status.source).toBe("build");
    expect(status.people).toBeGreaterThanOrEqual(5);
    expect([status.detectorRuns, status.segmenterRuns]).toEqual([0, 0]);
    expect(status.text).toMatch(/Done: \d+ people found, \d+\.\d% of pixels replaced/);
    expect(await readOutput(page)).toMatchObject({ width: 768, height: 576 });
    // The models load in the background, in the model worker; none has run.
    await page.waitForSelector('#pipeline-status[data-models="ready"]', { timeout: LOAD_TIMEOUT });
    status = await readStatus(page);
    expect(status).toMatchObject({ backend: "wasm", modelsWhere: "worker", pixelsWhere: "worker" });
    expect([status.detectorRuns, status.segmenterRuns]).toEqual([0, 0]);
    expect(await page.evaluate("'_tfengine' in globalThis"), "tfjs on the page itself").toBe(false);
    await expectNoObservableErrors(page);
    expectClean(opened);
    expect(opened.failedResponses, "failed responses").toEqual([]);
    expect(opened.consoleErrors, "console errors").toEqual([]);
    // The models and the wasm binary came from this site.
    const local = (pattern: RegExp) => opened.requests.filter((url) => pattern.test(url));
    expect(local(/\/_file\/data\/models\/coco-ssd\/lite_mobilenet_v2\/group1-shard\dof5/).length).toBe(5);
    expect(local(/\/_file\/data\/models\/bodypix\/.*group1-shard1of1\./).length).toBe(1);
    expect(local(/\/tfjs-backend-wasm(-simd)?(\.[0-9a-f]+)?\.wasm$/).length).toBeGreaterThanOrEqual(1);
    expect(opened.requests.every((url) => url.startsWith(inject("baseUrl")) || !url.startsWith("http"))).toBe(true);
  });

  test("moving the noise radius changes the result without running a model", async () => {
    const before = await readStatus(page);
    const { hash } = await readOutput(page);
    await setRange(page, "Noise radius (px)", 48);
    await waitForNewOutput(page, hash);
    const after = await waitForStatus(page);
    expect(after.state).toBe("done");
    expect(after.detectorRuns).toBe(before.detectorRuns);
    expect(after.segmenterRuns).toBe(before.segmenterRuns);
    expect(after.people).toBe(before.people);
  });

  test("moving the score threshold changes the result without running a model", async () => {
    const before = await readStatus(page);
    const { hash } = await readOutput(page);
    await setRange(page, "Detector score at least", 0.8);
    await waitForNewOutput(page, hash);
    const after = await waitForStatus(page);
    expect(after.detectorRuns).toBe(before.detectorRuns);
    expect(after.segmenterRuns).toBe(before.segmenterRuns);
    await setRange(page, "Detector score at least", 0.3);
  });

  for (const [label, values] of [
    ["Noise radius (px)", Array.from({ length: 20 }, (_, i) => 9 + i)],
    ["Detector score at least", Array.from({ length: 20 }, (_, i) => Math.round((0.32 + 0.02 * i) * 100) / 100)],
    // Up to 0.95 by its step of 0.05, and back down.
    [
      "Pixel certainty at least",
      Array.from({ length: 20 }, (_, i) => Math.round((i < 11 ? 0.45 + 0.05 * i : 0.95 - 0.05 * (i - 10)) * 100) / 100),
    ],
  ] as const) {
    test(`dragging "${label}" previews each step and ends on the last value, with no model run and no stale frame`, async () => {
      const before = await waitForStatus(page);
      const { hash } = await readOutput(page);
      const key =
        { "Noise radius (px)": "radius", "Detector score at least": "scoreThreshold" }[label as string] ??
        "segmentationThreshold";
      await recordFrames(page);
      // 20 moves 50 ms apart, as a drag: timed in the page, so a slow test process cannot stretch a gap past
      // the controls' settling time and turn one drag into several.
      await dragRange(page, label, values, 50);
      const after = await waitForStatus(page);
      const frames = await readFrames(page);
      expect(frames.length).toBeGreaterThan(1);
      // Frames follow the inputs: never one for an older input after one for a newer input (a value that comes
      // back is matched to its first input not before the last frame's).
      let at = 0;
      for (const frame of frames) {
        const next = values.findIndex((v, i) => i >= at && v === frame.settings[key]);
        expect(
          next,
          `frame for ${frame.settings[key]} after input ${at}: ${JSON.stringify(frames.map((f) => f.settings[key]))}`,
        ).toBeGreaterThanOrEqual(0);
        at = next;
      }
      // Previews while moving (at the drawn size), and the last frame is the final one of the last value.
      expect(frames.some((f) => f.kind === "preview" && f.width < 768)).toBe(true);
      const last = frames.at(-1)!;
      expect([last.kind, last.settings[key], last.width, last.height]).toEqual(["final", values.at(-1), 768, 576]);
      expect(frames.filter((f) => f.kind === "final")).toHaveLength(1);
      expect((await readOutput(page)).hash).not.toBe(hash);
      expect([after.detectorRuns, after.segmenterRuns]).toEqual([before.detectorRuns, before.segmenterRuns]);
      // Back to the defaults.
      const initial =
        { radius: DEFAULT_SETTINGS.radius, scoreThreshold: DEFAULT_SETTINGS.scoreThreshold }[key] ??
        DEFAULT_SETTINGS.segmentationThreshold;
      await setRange(page, label, initial);
      await waitForStatus(page, (s) => s.frame === "final");
      await expect
        .poll(async () => JSON.parse((await page.locator("#fuzz-output").getAttribute("data-settings")) ?? "{}")[key])
        .toBe(initial);
      await waitForStatus(page);
    });
  }

  test("the privacy check runs the detector on the result only when asked, and a new result clears it", async () => {
    await useDefaultHiding(page);
    const before = await readStatus(page);
    const panel = page.locator("#privacy-check");
    expect(await panel.count()).toBe(0);
    await page.getByRole("button", { name: "Run the detector on the result" }).click();
    await panel.waitFor({ timeout: LOAD_TIMEOUT });
    const foundBefore = Number(await panel.getAttribute("data-found-before"));
    const stillFound = Number(await panel.getAttribute("data-still-found"));
    // The default method leaves none of the street's people to the detector.
    expect(foundBefore).toBeGreaterThanOrEqual(5);
    expect(stillFound).toBe(0);
    expect(await panel.textContent()).toContain(`finds none of the ${foundBefore} people`);
    // Every observer, in the model worker: one person row each, the detector run once more, the panel replaced.
    await page.getByRole("button", { name: "Ask every observer" }).click();
    await page.waitForSelector(
      '#home-observers-status[data-state="done"][data-where], #home-observers-status[data-state="error"]',
      { timeout: LOAD_TIMEOUT },
    );
    const observed = await page
      .locator("#home-observers-status")
      .evaluate((e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);
    expect(observed.state, (await page.locator("#home-observers-status").textContent()) ?? "").toBe("done");
    expect(observed.where).toBe("worker");
    expect(Number(observed.people)).toBe(foundBefore);
    expect(Number(observed.checkDetectorRuns)).toBe(1);
    expect(Number(observed.objectsRuns)).toBe(2);
    expect(Number(observed.poseRuns)).toBeGreaterThanOrEqual(foundBefore);
    expect(Number(await panel.getAttribute("data-hidden"))).toBe(Number(observed.hidden));
    expect(await page.locator("#privacy-check .privacy-table tbody tr").count()).toBe(foundBefore);
    expect(Number(observed.hidden)).toBeGreaterThanOrEqual(foundBefore - 1);
    // Fuzz at radius 1 barely changes anyone: the detector still finds most of them.
    await page.getByLabel("Hide with").selectOption({ label: "Fuzz" });
    await setRange(page, "Noise radius (px)", 1);
    await panel.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Run the detector on the result" }).click();
    await panel.waitFor({ timeout: LOAD_TIMEOUT });
    expect(Number(await panel.getAttribute("data-still-found"))).toBeGreaterThan(foundBefore / 2);
    await useDefaultHiding(page);
    expect((await readStatus(page)).segmenterRuns).toBe(before.segmenterRuns);
  });

  test("an uploaded photo replaces the sample and is processed", async () => {
    const status = await upload(page, { name: "my-photo.png", mimeType: "image/png", buffer: camera });
    expect(status.state, status.text).toBe("done");
    expect(status.people).toBe(1);
    expect(await readOutput(page)).toMatchObject({ width: 512, height: 512 });
    await expect.poll(() => page.locator(".drop-input-name").textContent()).toBe("my-photo.png");
  });

  test("the download is a PNG of the full-resolution result, named after the photo", async () => {
    expect((await upload(page, { name: "my-photo.png", mimeType: "image/png", buffer: camera })).state).toBe("done");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download the result (PNG)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("my-photo-fuzzy.png");
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const png = Buffer.concat(chunks);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  test("a file that is not an image, or is corrupt, is refused with a message; the page keeps working", async () => {
    const shown = await readOutput(page);
    const input = page.locator('.drop-input input[type="file"]');
    await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a photo") });
    let status = await waitForStatus(page, (s) => s.state === "error");
    expect(status.text).toContain("notes.txt is not an image");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("notes.txt is not an image");
    // The previous photo and its result stay.
    expect(await readOutput(page)).toEqual(shown);

    await input.setInputFiles({ name: "broken.jpg", mimeType: "image/jpeg", buffer: camera.subarray(0, 300) });
    await expect.poll(async () => (await readStatus(page)).text).toContain("broken.jpg is not a readable image");
    expect(await readOutput(page)).toEqual(shown);

    // Picking a sample (one not already picked, so the choice is a change) runs the pipeline on it.
    const walker = page.getByLabel("Street, one near and several far");
    const [sample, name, size] = (await walker.isChecked())
      ? [page.getByLabel("Astronaut portrait"), "astronaut.png", { width: 512, height: 512 }]
      : [walker, "street-walker.jpg", { width: 768, height: 576 }];
    await sample.check();
    status = await waitForPhoto(page, name);
    expect(status.state, status.text).toBe("done");
    expect(status.source).toBe("build");
    expect(status.people).toBeGreaterThanOrEqual(1);
    expect(await readOutput(page)).toMatchObject(size);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.locator(".drop-input-name").textContent()).toBe("");
    await expectNoObservableErrors(page);
    expectClean(opened);
  });

  test("a photo with nobody in it says so, and offers no download", async () => {
    const empty = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#8a9bb0" } })
      .png()
      .toBuffer();
    const status = await upload(page, { name: "sky.png", mimeType: "image/png", buffer: empty });
    expect(status.state).toBe("no-people");
    expect(status.text).toContain("No people found: nothing was hidden");
    expect(await page.getByRole("button", { name: /Download/ }).count()).toBe(0);
    await page.getByRole("button", { name: "Back to the samples" }).click();
    expect((await waitForPhoto(page, SAMPLE_NAME)).state).toBe("done");
    await expectNoObservableErrors(page);
  });
});

describe("home page: themes and screen sizes", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const viewport of [DESKTOP, PHONE]) {
      test(`renders in the ${colorScheme} theme at ${viewport.width} px`, async () => {
        const opened = await openPage("", viewport);
        try {
          await opened.page.emulateMedia({ colorScheme });
          const status = await waitForStatus(opened.page);
          expect(status.state, status.text).toBe("done");
          // The theme really applied: light text on a dark page, or the reverse.
          const [background, text] = await opened.page.evaluate(() => {
            // Through a canvas, which turns any CSS colour (themes use oklch) into RGB.
            const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
            const luminance = (color: string) => {
              context.fillStyle = color;
              context.fillRect(0, 0, 1, 1);
              const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
              return (0.299 * r! + 0.587 * g! + 0.114 * b!) / 255;
            };
            const style = getComputedStyle(document.documentElement);
            return [luminance(style.backgroundColor), luminance(style.color)];
          });
          expect(colorScheme === "dark" ? background < text : background > text).toBe(true);
          // Nothing wider than the screen (a phone must not scroll sideways).
          expect(await opened.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
            viewport.width,
          );
          await expectNoObservableErrors(opened.page);
          expectClean(opened);
          await screenshot(opened.page, `home-${colorScheme}`);
        } finally {
          await opened.close();
        }
      });
    }
  }
});

describe("home page: a new photo, progressively", () => {
  test("the first result is painted from the build-time stages: no model file is requested before it", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const modelRequests: { url: string; at: number }[] = [];
    const opened = await openPage("", DESKTOP, {
      async before(context) {
        // The epoch time of the first final result painted, recorded from the start of the document.
        await context.addInitScript({
          content: `new MutationObserver((records, observer) => {
            const canvas = document.getElementById("fuzz-output");
            if (!canvas || canvas.dataset.kind !== "final") return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => (window.__firstPaint = performance.timeOrigin + performance.now()), 0));
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-frame"] });`,
        });
        // Model files and wasm binaries are held back until the test lets them go.
        await context.route(/\/data\/models\/|\.wasm$/, async (route) => {
          modelRequests.push({ url: route.request().url(), at: Date.now() });
          await released;
          await route.continue();
        });
      },
    });
    try {
      const { page } = opened;
      const status = await waitForStatus(page);
      expect(status).toMatchObject({ state: "done", source: "build", detectorRuns: 0, segmenterRuns: 0 });
      expect(status.people).toBeGreaterThanOrEqual(5);
      await page.waitForFunction(() => "__firstPaint" in window);
      const firstPaint = Number(await page.evaluate("window.__firstPaint"));
      // Boxes and masks are drawn too, from the same data.
      expect(Number(await page.locator("#person-boxes").getAttribute("data-people"))).toBe(status.people);
      expect(Number(await page.locator("#person-masks").getAttribute("data-people"))).toBeGreaterThanOrEqual(5);
      // The models were asked for only after that paint (in the background), and none was served before it.
      await expect.poll(() => modelRequests.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const early = modelRequests.filter((r) => r.at < firstPaint);
      expect(early, `requested before the first paint at ${firstPaint}`).toEqual([]);
      release();
      await page.waitForSelector('#pipeline-status[data-models="ready"]', { timeout: LOAD_TIMEOUT });
      await expectNoObservableErrors(page);
      expectClean(opened);
    } finally {
      release();
      await opened.close();
    }
  });

  test("boxes first, then a provisional result hiding every counted box, then the final result (the only one offered for download)", async () => {
    const opened = await openPage("", DESKTOP);
    try {
      const { page } = opened;
      await waitForStatus(page);
      // Flat grey fill: a hidden pixel is recognisable in the frame.
      await page.getByLabel("Hide with").selectOption({ label: "Fill" });
      await waitForStatus(page, (s) => s.frame === "final");
      await page.waitForSelector('#pipeline-status[data-models="ready"]', { timeout: LOAD_TIMEOUT });
      await page.evaluate(() => {
        const log: Array<Record<string, unknown>> = [];
        (window as unknown as { __log: typeof log }).__log = log;
        // Each frame: whether every pixel inside every counted box (as drawn at that moment) is grey.
        new MutationObserver((records) => {
          for (const record of records) {
            const target = record.target as HTMLElement;
            // The boxes of a new photo: the count set again after the photo cleared it.
            if (target.id === "person-boxes" && target.dataset.people && record.oldValue === null)
              log.push({ what: "boxes", people: Number(target.dataset.people), at: performance.now() });
            if (target.id !== "fuzz-output") continue;
            const canvas = target as HTMLCanvasElement;
            const { width, height } = canvas;
            const data = canvas.getContext("2d")!.getImageData(0, 0, width, height).data;
            const svg = document.querySelector("#person-boxes svg")!;
            const [, , w, h] = svg.getAttribute("viewBox")!.split(" ").map(Number);
            const sx = width / w!,
              sy = height / h!;
            let boxes = 0,
              visible = 0;
            for (const g of svg.querySelectorAll("g[opacity='1']")) {
              boxes++;
              const [x, y] = /translate\(([-\d.]+),([-\d.]+)\)/
                .exec(g.getAttribute("transform")!)!
                .slice(1)
                .map(Number);
              const rect = g.querySelector("rect")!;
              const [bw, bh] = [Number(rect.getAttribute("width")), Number(rect.getAttribute("height"))];
              for (let py = Math.ceil(y! * sy) + 1; py < Math.floor((y! + bh) * sy) - 1; py++)
                for (let px = Math.ceil(x! * sx) + 1; px < Math.floor((x! + bw) * sx) - 1; px++) {
                  const o = (py * width + px) * 4;
                  if (data[o] !== 128 || data[o + 1] !== 128 || data[o + 2] !== 128) visible++;
                }
            }
            log.push({ what: canvas.dataset.kind, boxes, visible, width, at: performance.now() });
          }
        }).observe(document.body, {
          subtree: true,
          attributes: true,
          attributeFilter: ["data-frame", "data-people"],
          attributeOldValue: true,
        });
        // Whether a download is offered, sampled between tasks (never in the middle of drawing a frame).
        setInterval(() => {
          const kind = document.getElementById("fuzz-output")?.dataset.kind;
          const offered = [...document.querySelectorAll("button")].some(
            (b) => b.textContent === "Download the result (PNG)",
          );
          log.push({ what: "download", kind, offered });
        }, 10);
      });
      const group = await sharp(readFileSync(join(root, "data/samples/street-group.jpg")))
        .resize(1280, 960)
        .jpeg({ quality: 90 })
        .toBuffer();
      const status = await upload(page, { name: "group.jpg", mimeType: "image/jpeg", buffer: group });
      expect(status.state, status.text).toBe("done");
      const log = (await page.evaluate("window.__log")) as Array<Record<string, unknown>>;
      const frames = log.filter((e) => e.what === "provisional" || e.what === "preview" || e.what === "final");
      const boxes = log.find((e) => e.what === "boxes")!;
      expect(frames.map((f) => f.what)).toEqual(["provisional", "final"]);
      const [provisional, final] = frames as Array<Record<string, number>>;
      expect(boxes.people).toBeGreaterThanOrEqual(5);
      expect(boxes.at).toBeLessThan(provisional!.at!);
      expect(provisional!.at).toBeLessThan(final!.at!);
      // Every counted box is hidden in the provisional result (drawn at the card's size), and the final is full size.
      expect(provisional!.boxes).toBe(boxes.people);
      expect(provisional!.visible, "pixels left visible inside the counted boxes").toBe(0);
      expect(provisional!.width).toBeLessThan(1280);
      expect(final!.width).toBe(1280);
      const samples = log.filter((e) => e.what === "download");
      expect(samples.filter((e) => e.kind === "provisional").length).toBeGreaterThan(0);
      expect(samples.filter((e) => e.kind === "provisional" && e.offered)).toEqual([]);
      expect(samples.filter((e) => e.kind === "final" && e.offered).length).toBeGreaterThan(0);
      await expectNoObservableErrors(page);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  test("workers that crash are replaced by the main thread, which says so and still hides the people", async () => {
    const opened = await openPage("", DESKTOP);
    try {
      const { page } = opened;
      await waitForStatus(page);
      await page.waitForSelector('#pipeline-status[data-models="ready"]', { timeout: LOAD_TIMEOUT });
      for (const name of ["pixel-worker", "model-worker"]) {
        const worker = page.workers().find((w) => w.url().includes(name));
        expect(worker, name).toBeDefined();
        // An uncaught error inside the worker, as a bug or a failed allocation would raise.
        await worker!.evaluate("setTimeout(() => { throw new Error('forced crash'); }, 0)");
      }
      await page.waitForSelector('#pipeline-status[data-models-where="main thread"][data-pixels-where="main thread"]', {
        timeout: 30_000,
      });
      const status = await upload(page, { name: "my-photo.png", mimeType: "image/png", buffer: camera });
      expect(status.state, status.text).toBe("done");
      expect(status.people).toBe(1);
      expect(status.text).toMatch(/on the main thread \(the models worker crashed: .*forced crash\)/);
      expect(status.text).toMatch(/pixel work on the main thread \(the pixels worker crashed: .*forced crash\)/);
      const output = await readOutput(page, true);
      expect([output.width, output.height]).toEqual([512, 512]);
      const input = await sharp(camera).ensureAlpha().raw().toBuffer();
      let changed = 0;
      for (let p = 0; p < 512 * 512; p++)
        if ([0, 1, 2].some((c) => Math.abs(output.data[p * 4 + c]! - input[p * 4 + c]!) > 24)) changed++;
      expect(changed / (512 * 512), "share of pixels hidden").toBeGreaterThan(0.02);
      expect(await page.evaluate("'_tfengine' in globalThis"), "the models now run on the page").toBe(true);
      await expectNoObservableErrors(page);
      expect(opened.foreignRequests).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("home page: models that cannot be used", () => {
  test("a model that fails to load is reported in place; the photo and settings keep working", async () => {
    const opened = await openPage("", DESKTOP, { block: /bodypix\/.*group1-shard1of1/ });
    try {
      // The sample is shown from its build-time stages; the models, loaded in the background, fail.
      const status = await waitForStatus(opened.page, (s) => s.state === "error");
      expect(status.text).toContain("The person segmenter (BodyPix) failed to load");
      expect(status.source).toBe("build");
      await opened.page.getByLabel("Astronaut").check();
      await opened.page.locator("h2", { hasText: "1 · The photo" }).waitFor();
      await setRange(opened.page, "Noise radius (px)", 5);
      expect((await readStatus(opened.page)).state).toBe("error");
      // A photo of one's own needs the models: it is not processed, and the reason stays.
      await opened.page.locator('.drop-input input[type="file"]').setInputFiles({
        name: "my-photo.png",
        mimeType: "image/png",
        buffer: camera,
      });
      await expect.poll(async () => (await readStatus(opened.page)).text).toContain("failed to load");
      await expectNoObservableErrors(opened.page);
      expect(opened.foreignRequests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("falls back to webgl, with the reason recorded, when the wasm binary cannot be fetched", async () => {
    const opened = await openPage("", DESKTOP, { block: /\.wasm$/ });
    try {
      // The sample's build-time result needs no model; the models then load in the background, on webgl.
      await opened.page.waitForSelector('#pipeline-status[data-models="ready"]', { timeout: LOAD_TIMEOUT });
      const status = await readStatus(opened.page);
      expect(status.backend).toBe("webgl");
      const attempts = JSON.parse(
        (await opened.page.locator("#pipeline-status").getAttribute("data-attempts")) ?? "[]",
      );
      expect(attempts[0]).toMatchObject({ name: "wasm", ok: false });
      expect(attempts[0].reason).toBeTruthy();
      expect(attempts[1]).toEqual({ name: "webgl", ok: true });
      expect(opened.blockedRequests.length).toBeGreaterThanOrEqual(1);
      expect(opened.foreignRequests).toEqual([]);
      await expectNoObservableErrors(opened.page);
    } finally {
      await opened.close();
    }
  });
});
