// The home page on the built site: the whole pipeline on the default sample, settings that re-run only
// the stages after them (checked with the models' run counters), uploads good and bad, the download,
// model failures, and both themes at desktop and phone sizes.
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
import { readOutput, readStatus, upload, waitForStatus } from "./home-page.js";
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

  test("runs the default sample offline with the wasm backend and finds at least 5 people", async () => {
    const status = await readStatus(page);
    expect(status.state, status.text).toBe("done");
    expect(status.people).toBeGreaterThanOrEqual(5);
    expect(status.backend).toBe("wasm");
    expect(status.detectorRuns).toBe(1);
    expect(status.text).toMatch(/Done: \d+ people found, \d+\.\d% of pixels replaced/);
    expect(await readOutput(page)).toMatchObject({ width: 768, height: 576 });
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
    const [sample, size] = (await walker.isChecked())
      ? [page.getByLabel("Astronaut portrait"), { width: 512, height: 512 }]
      : [walker, { width: 768, height: 576 }];
    const before = await readStatus(page);
    await sample.check();
    status = await waitForStatus(page, (s) => s.detectorRuns > before.detectorRuns);
    expect(status.state, status.text).toBe("done");
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
    expect((await waitForStatus(page, (s) => s.detectorRuns > status.detectorRuns)).state).toBe("done");
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

describe("home page: models that cannot be used", () => {
  test("a model that fails to load is reported in place; the photo and settings keep working", async () => {
    const opened = await openPage("", DESKTOP, { block: /bodypix\/.*group1-shard1of1/ });
    try {
      const status = await waitForStatus(opened.page);
      expect(status.state).toBe("error");
      expect(status.text).toContain("The person segmenter (BodyPix) failed to load");
      await opened.page.getByLabel("Astronaut").check();
      await opened.page.locator("h2", { hasText: "1 · The photo" }).waitFor();
      await setRange(opened.page, "Noise radius (px)", 5);
      expect((await readStatus(opened.page)).state).toBe("error");
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
      // The models loaded and the stages started; the whole pipeline on a software renderer takes minutes.
      await opened.page.waitForSelector('#pipeline-status:is([data-state="running"], [data-state="done"])', {
        timeout: LOAD_TIMEOUT,
      });
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
