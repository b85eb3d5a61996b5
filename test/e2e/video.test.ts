// The moving pictures page on the built site, in chromium with a fake camera (scripts/fake-camera.sh: the
// sample clip as a 30 fps Y4M that chromium plays as its webcam). The webcam runs and hides people in the model
// worker, counting frames and model runs, and takes a new setting while it runs; with no camera the page says
// so. The export of the sample clip writes a playable MP4 with every frame (ffprobe) in which nobody the
// detector finds on an original frame is still visible (components/node/video-privacy.ts, as for the CLI).
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { clipPrivacy } from "../../components/node/video-privacy.js";
import { FAST_VIDEO_PROFILE } from "../../components/pipeline/video-settings.js";
import { ffprobe } from "../ffprobe.js";
import { loadModels } from "../integration/models.js";
import { closeBrowser, expectNoObservableErrors, openPage, screenshot } from "./browser.js";
import { CHROMIUM, CHROMIUM_ARGS, fakeCameraArgs, root } from "./setup.js";

const run = promisify(execFile);
const CLIP = join(root, "data/clips/street.mp4");
const OUT = join(root, "test-results", "video");
const CAMERA = join(OUT, "fake-camera.y4m");

let browser: Browser;

/** A page of the site in the fake-camera browser; requests to any other host are aborted and recorded. */
async function openVideoPage(): Promise<{ page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const { protocol, hostname } = new URL(route.request().url());
    if (protocol === "blob:" || protocol === "data:" || hostname === "127.0.0.1") return route.continue();
    foreign.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(new URL("video", inject("baseUrl")).href, { waitUntil: "load" });
  await page.waitForSelector('#models-status[data-state="done"]', { timeout: 120_000 });
  return { page, foreign, errors };
}

/** Starts an export of the chosen file and cancels it once it reports a frame hidden. */
async function exportThenCancel(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Hide every frame and export" }).click();
  await page.waitForFunction(
    () => /frame \d+ of \d+/.test(document.querySelector("#export-status")?.textContent ?? ""),
    null,
    { timeout: 120_000 },
  );
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.waitForSelector('.video-export-panel[data-state="cancelled"]', { timeout: 60_000 });
}

const panelData = (page: Page) =>
  page.locator(".webcam-panel").evaluate((panel: HTMLElement) => ({ ...panel.dataset }));

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  await run("sh", [join(root, "scripts/fake-camera.sh"), CAMERA]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(CAMERA)],
  });
});

afterAll(async () => {
  await browser?.close();
  await closeBrowser();
});

describe("moving pictures page", () => {
  test("the webcam runs hidden in the model worker, counts frames and model runs, takes a new setting while it runs, and records on request", async () => {
    const { page, foreign, errors } = await openVideoPage();
    await page.getByRole("button", { name: "Start the camera" }).click();
    await page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>(".webcam-panel")?.dataset.frames) >= 20,
      null,
      {
        timeout: 120_000,
      },
    );
    const first = await panelData(page);
    console.log(`e2e video webcam: ${JSON.stringify(first)}`);
    expect(first.state).toBe("running");
    // People walk through the sample clip: some are hidden, and pixels replaced, on the frame shown.
    expect(Number(first.people)).toBeGreaterThan(0);
    expect(Number(first.maskPixels)).toBeGreaterThan(0);
    // The models ran where the frames were hidden, on the page's default (fast) profile's schedule: the detector
    // on every 2nd frame, the segmenter (once per person in boxes mode) on every 4th; never on the page.
    const frames = Number(first.frames);
    const detector = Number(first.detectorRuns);
    expect(detector).toBeGreaterThanOrEqual(Math.floor(frames / FAST_VIDEO_PROFILE.detectEvery!));
    expect(detector).toBeLessThanOrEqual(Math.ceil(frames / FAST_VIDEO_PROFILE.detectEvery!));
    expect(Number(first.segmenterRuns)).toBeGreaterThan(0);
    expect(await page.evaluate("'_tfengine' in globalThis"), "tfjs on the page").toBe(false);
    expect(page.workers().some((w) => w.url().includes("model-worker"))).toBe(true);
    expect(await page.locator("#webcam-status").textContent()).toMatch(/The camera is on \(640×480\)/);

    // A new method while it runs: the stream goes on (more frames) without a restart.
    const method = page.locator("form").filter({ hasText: "Hide with" }).locator("select");
    const other = await method.evaluate((select: HTMLSelectElement) =>
      [...select.options].findIndex((option) => !option.selected),
    );
    await method.selectOption({ index: other });
    await page.waitForFunction(
      (before) => Number(document.querySelector<HTMLElement>(".webcam-panel")?.dataset.frames) >= before + 10,
      Number(first.frames),
      { timeout: 120_000 },
    );
    expect((await panelData(page)).state).toBe("running");
    // The averaging attack's chart, drawn from data/video-summary.json.
    expect(await page.locator("#averaging-chart svg").count()).toBeGreaterThan(0);
    await screenshot(page, "video-webcam");
    await expectNoObservableErrors(page);

    // Recording on request: the hidden frames shown meanwhile, written with the export's writer.
    await page.getByRole("button", { name: "Record" }).click();
    // Recording is on once the button offers to stop it; the frame in the worker then was sent unrecorded.
    await page.getByRole("button", { name: "Stop recording" }).waitFor({ timeout: 60_000 });
    const recordFrom = Number((await panelData(page)).frames) + 1;
    await page.waitForFunction(
      (before) => Number(document.querySelector<HTMLElement>(".webcam-panel")?.dataset.frames) >= before + 10,
      recordFrom,
      { timeout: 120_000 },
    );
    await page.getByRole("button", { name: "Stop recording" }).click();
    const saved = page.locator(".webcam-panel .video-save");
    await saved.waitFor({ timeout: 60_000 });
    const recorded = Number(await saved.getAttribute("data-frames"));
    expect(recorded).toBeGreaterThanOrEqual(10);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".webcam-panel .video-save-link").click(),
    ]);
    const recording = join(OUT, "webcam-hidden.mp4");
    await download.saveAs(recording);
    const probed = await ffprobe(recording);
    expect(probed.frames).toBe(recorded);
    expect([probed.width, probed.height]).toEqual([640, 480]);

    await page.getByRole("button", { name: "Stop the camera" }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".webcam-panel")?.dataset.state === "off");
    const stopped = Number((await panelData(page)).frames);
    await page.waitForTimeout(500);
    expect(Number((await panelData(page)).frames), "no frame after Stop").toBe(stopped);
    expect(foreign, "requests to other hosts").toEqual([]);
    expect(errors, "page errors").toEqual([]);
    await page.context().close();
  });

  test("is linked from the home page and the sidebar", async () => {
    const opened = await openPage("");
    const links = await opened.page.evaluate(() => ({
      main: [...document.querySelectorAll("main a")].map((a) => a.getAttribute("href")),
      sidebar: [...document.querySelectorAll("#observablehq-sidebar a")].map((a) => a.textContent?.trim()),
    }));
    expect(links.main).toContain("./video");
    expect(links.sidebar).toContain("Moving pictures");
    await opened.close();
  });

  test("with no camera, the page says so and keeps working", async () => {
    // The shared browser has no fake camera: headless chromium then has no camera at all.
    const opened = await openPage("video");
    await opened.page.getByRole("button", { name: "Start the camera" }).click();
    await opened.page.waitForSelector('.webcam-panel[data-state="error"]', { timeout: 60_000 });
    const text = await opened.page.locator("#webcam-status").textContent();
    console.log(`e2e video, no camera: ${text}`);
    expect(text).toMatch(/No camera was found|camera permission was refused/);
    expect(await opened.page.getByRole("button", { name: "Start the camera" }).isEnabled()).toBe(true);
    await opened.close();
  });

  test("plays the sample clip hidden, and exports it with the defaults: every frame, playable, nobody visible inside a detected box", async () => {
    const { page, foreign, errors } = await openVideoPage();
    // The command line's defaults (the target is for them; the fast profile is the webcam's).
    await page.getByLabel(/^careful/).check();
    await page.getByRole("button", { name: /Use the sample clip/ }).click();
    await page.waitForFunction(() =>
      /Ready: street\.mp4/.test(document.querySelector("#export-status")?.textContent ?? ""),
    );
    // Played hidden first, as it plays: hidden frames are drawn until the clip ends by itself.
    await page.getByRole("button", { name: "Play it hidden" }).click();
    await page.waitForSelector('.video-play-hidden[data-state="stopped"], .video-play-hidden[data-state="error"]', {
      timeout: 120_000,
    });
    const played = await page.locator(".video-play-hidden").evaluate((e: HTMLElement) => ({ ...e.dataset }));
    console.log(
      `e2e video, played hidden: ${JSON.stringify(played)}, ${await page.locator("#play-status").textContent()}`,
    );
    expect(played.state).toBe("stopped");
    expect(Number(played.frames)).toBeGreaterThan(3);
    expect(await page.locator("#play-status").textContent()).toMatch(/street\.mp4 played to its end, hidden/);
    await page.getByRole("button", { name: "Hide every frame and export" }).click();
    // Progress is reported frame by frame, with the time left.
    await page.waitForFunction(
      () => /frame \d+ of 30, about .+ left/.test(document.querySelector("#export-status")?.textContent ?? ""),
      null,
      {
        timeout: 120_000,
      },
    );
    await page.waitForSelector('.video-export-panel[data-state="done"], .video-export-panel[data-state="error"]', {
      timeout: 600_000,
    });
    const status = (await page.locator("#export-status").textContent()) ?? "";
    console.log(`e2e video export: ${status}`);
    expect(await page.locator(".video-export-panel").getAttribute("data-state"), status).toBe("done");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".video-save-link").click()]);
    const hidden = join(OUT, "street-hidden.mp4");
    await download.saveAs(hidden);
    await expectNoObservableErrors(page);
    expect(foreign, "requests to other hosts").toEqual([]);
    expect(errors, "page errors").toEqual([]);
    await page.context().close();

    const input = await ffprobe(CLIP);
    const output = await ffprobe(hidden);
    expect(output.frames).toBe(input.frames);
    expect([output.width, output.height]).toEqual([input.width, input.height]);
    const { detector } = await loadModels();
    const privacy = await clipPrivacy(detector, CLIP, hidden);
    expect(privacy.frames).toBe(input.frames);
    for (const frame of privacy.perFrame)
      for (const person of frame.people) {
        const where = `frame ${frame.index}, person at ${JSON.stringify(person.box)}`;
        expect(person.stillFound, where).toBe(false);
        expect(person.replaced, where).toBeGreaterThanOrEqual(0.2);
      }
  }, 900_000);

  test("refuses a file that is not a video by name and reason, and cancels an export leaving nothing", async () => {
    const { page, foreign, errors } = await openVideoPage();
    const status = page.locator("#export-status");
    await page.locator(".video-export-panel input[type=file]").setInputFiles({
      name: "notes.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.from("these are not the frames you are looking for"),
    });
    await page.getByRole("button", { name: "Hide every frame and export" }).click();
    await page.waitForSelector('.video-export-panel[data-state="error"]', { timeout: 60_000 });
    console.log(`e2e video, not a video: ${await status.textContent()}`);
    expect(await status.textContent()).toMatch(
      /^notes\.mp4 could not be exported: not a video file this browser can read/,
    );

    // The sample clip, cancelled once frames are being hidden: nothing is offered to save.
    await page.getByRole("button", { name: /Use the sample clip/ }).click();
    await page.waitForFunction(() =>
      /Ready: street\.mp4/.test(document.querySelector("#export-status")?.textContent ?? ""),
    );
    await exportThenCancel(page);
    expect(await status.textContent()).toMatch(/^Cancelled: nothing was written/);
    expect(await page.locator(".video-export-panel .video-save").count()).toBe(0);
    // The page still works: the next export runs (and is cancelled as soon as it reports).
    await exportThenCancel(page);
    expect(foreign, "requests to other hosts").toEqual([]);
    expect(errors, "page errors").toEqual([]);
    await page.context().close();
  });
});
