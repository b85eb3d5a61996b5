// The pipeline's workers in chromium, driven through the worker harness (test/e2e/harness: a test-only page,
// not part of the site): the model worker loads the wasm backend in a worker and finds the street sample's
// people; the pixel worker's masks and images equal the main-thread stage functions byte for byte; a newer
// request supersedes an older one; a worker that crashes or cannot start falls back to the main thread,
// which still returns the hidden image.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, test } from "vitest";
import type { PipelineClient } from "../../components/browser/pipeline-client.js";
import type { isSuperseded } from "../../components/browser/request-lane.js";
import type { RgbaImage } from "../../components/core/types.js";
import type { previewImage, previewSettings, previewSize } from "../../components/pipeline/preview.js";
import type { PipelineSettings } from "../../components/pipeline/settings.js";
import type {
  buildMask,
  DetectionStage,
  obfuscatePeople,
  PreparedImage,
  provisionalMask,
  SegmentationStage,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { closeBrowser, type OpenedPage, type OpenOptions, openPage } from "./browser.js";

/** What test/e2e/harness/src/index.md puts on window.harness. */
interface Harness {
  PipelineClient: typeof PipelineClient;
  isSuperseded: typeof isSuperseded;
  stages: {
    buildMask: typeof buildMask;
    obfuscatePeople: typeof obfuscatePeople;
    provisionalMask: typeof provisionalMask;
    selectRegions: typeof selectRegions;
    previewImage: typeof previewImage;
    previewSettings: typeof previewSettings;
    previewSize: typeof previewSize;
  };
  DEFAULT_SETTINGS: PipelineSettings;
  loadSample(name: string): Promise<RgbaImage>;
  /** A sample's file, undecoded. */
  loadFile(name: string): Promise<Blob>;
  /** A sample's stages from the build-time data loader (data/sample-stages.tar.ts). */
  sampleStages(name: string): Promise<{ detection: DetectionStage; segmentation: SegmentationStage }>;
  sha256(bytes: BufferSource): Promise<string>;
}
declare global {
  interface Window {
    harness: Harness;
    /** Set by prepareStreet: a client, and the street sample's stages computed with it. */
    client: PipelineClient;
    prepared: PreparedImage;
    detection: DetectionStage;
    segmentation: SegmentationStage;
  }
}

const opened: OpenedPage[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
  await closeBrowser();
});

async function openHarness(options: OpenOptions = {}): Promise<OpenedPage> {
  const harness = await openPage(inject("harnessUrl"), undefined, options);
  opened.push(harness);
  await harness.page.waitForFunction(() => document.body.dataset.harness === "ready", null, { timeout: 60_000 });
  // Functions passed to evaluate are compiled with esbuild's keepNames, which calls __name in the page.
  await harness.page.evaluate("globalThis.__name ??= (f) => f");
  return harness;
}

/** A client on the page (window.client) with the street sample prepared and, if `segment`, segmented. */
async function prepareStreet(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const h = window.harness;
    window.client = new h.PipelineClient();
    await window.client.loadModels("wasm");
    const prepared = await window.client.prepareImage(await h.loadSample("street-group.jpg"));
    const detection = await window.client.detectObjects(prepared);
    const segmentation = await window.client.segmentPeople(prepared, detection, h.DEFAULT_SETTINGS);
    Object.assign(window, { prepared, detection, segmentation });
  });
}

describe("pipeline workers", () => {
  test("the model worker loads wasm in a worker and finds the street sample's people; tfjs never loads on the page", async () => {
    const { page, foreignRequests } = await openHarness();
    const result = await page.evaluate(async () => {
      const h = window.harness;
      const client = new h.PipelineClient();
      const progress: number[] = [];
      const ready = await client.loadModels("wasm", { onProgress: (f) => progress.push(f) });
      const prepared = await client.prepareImage(await h.loadSample("street-group.jpg"));
      const detection = await client.detectObjects(prepared);
      const order: number[] = [];
      const segmentation = await client.segmentPeople(prepared, detection, h.DEFAULT_SETTINGS, {
        onRegion: (_, i) => order.push(i),
      });
      // tfjs keeps its engine on the global object of the realm that runs it.
      const tfjsOnPage = "_tfengine" in globalThis;
      const boxes = segmentation.regions.filter((r) => r.source === "box");
      return {
        ready,
        lastProgress: progress.at(-1),
        people: detection.detections.filter((d) => d.label === "person" && d.score >= h.DEFAULT_SETTINGS.scoreThreshold)
          .length,
        regions: segmentation.regions.length,
        boxRegions: boxes.length,
        // Each box region refers to the page's own detection (selectRegions matches them by identity).
        ownDetections: boxes.every((r) => r.detection && detection.detections.includes(r.detection)),
        boxesSelected: h.stages
          .selectRegions(segmentation, detection, h.DEFAULT_SETTINGS)
          .filter((r) => r.source === "box").length,
        boxesCounted: boxes.filter((r) => r.detection!.score >= h.DEFAULT_SETTINGS.scoreThreshold).length,
        order,
        runs: client.runs,
        status: client.status,
        tfjsOnPage,
      };
    });
    expect(result.ready).toMatchObject({ backend: "wasm", where: "worker" });
    expect(result.lastProgress).toBe(1);
    expect(result.people).toBeGreaterThanOrEqual(5);
    expect(result.order).toEqual([...Array(result.regions).keys()]);
    expect(result.ownDetections).toBe(true);
    expect(result.boxesSelected).toBe(result.boxesCounted);
    expect(result.boxesSelected).toBeGreaterThanOrEqual(5);
    // One detector run; one segmenter run per box and one for the whole photo (multi-person in one pass).
    expect(result.runs).toEqual({ detector: 1, segmenter: result.boxRegions + 1 });
    expect(result.status).toEqual({ models: { where: "worker" }, pixels: { where: "worker" } });
    expect(result.tfjsOnPage, "tfjs running on the page itself").toBe(false);
    const modelWorker = page.workers().find((w) => w.url().includes("model-worker"));
    expect(modelWorker, "a model worker").toBeDefined();
    const inWorker = await modelWorker!.evaluate(() => ({
      tfjs: "_tfengine" in globalThis,
      wasm: performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((name) => name.endsWith(".wasm")),
    }));
    expect(inWorker.tfjs).toBe(true);
    expect(inWorker.wasm, "the wasm binary, fetched by the worker").toHaveLength(1);
    expect(foreignRequests).toEqual([]);
  });

  test("webgl starts inside the model worker on an OffscreenCanvas and finds the same people", async () => {
    const { page } = await openHarness();
    const result = await page.evaluate(async () => {
      const h = window.harness;
      const client = new h.PipelineClient();
      const ready = await client.loadModels("webgl");
      const prepared = await client.prepareImage(await h.loadSample("street-group.jpg"));
      const detection = await client.detectObjects(prepared);
      return {
        ready,
        people: detection.detections.filter((d) => d.label === "person" && d.score >= h.DEFAULT_SETTINGS.scoreThreshold)
          .length,
      };
    });
    // On a machine whose workers have no WebGL 2, loadModels moves the models to the main thread instead
    // and says why; this chromium (SwiftShader) has it.
    expect(result.ready).toMatchObject({ backend: "webgl", where: "worker" });
    expect(result.people).toBeGreaterThanOrEqual(5);
  });

  test("the pixel worker's masks and images equal the main-thread stage functions byte for byte", async () => {
    const { page } = await openHarness();
    await prepareStreet(page);
    const results = await page.evaluate(async () => {
      const { stages, DEFAULT_SETTINGS, sha256 } = window.harness;
      const { prepared, detection, segmentation } = window;
      const client = window.client;
      const rows: Array<{ what: string; worker: string; main: string }> = [];
      const hash = (data: Uint8Array | Uint8ClampedArray) => sha256(data as unknown as BufferSource);
      for (const [growth, segmentationThreshold] of [
        [0, 0.4],
        [6, 0.6],
      ] as const) {
        const settings = { ...DEFAULT_SETTINGS, growth, segmentationThreshold };
        const regions = stages.selectRegions(segmentation, detection, settings);
        const fromWorker = await client.buildMask(prepared, regions, settings);
        const onPage = stages.buildMask(prepared, regions, settings);
        rows.push({
          what: `mask g${growth}`,
          worker: await hash(fromWorker.mask.data),
          main: await hash(onPage.mask.data),
        });
        for (const method of ["fuzz", "pixelate", "blur", "fill", "background"] as const) {
          const hide = { ...settings, method, radius: 9, seed: 7 };
          const worker = await client.obfuscatePeople(prepared, fromWorker.mask, hide);
          const main = stages.obfuscatePeople(prepared, onPage.mask, hide);
          rows.push({
            what: `${method} g${growth}`,
            worker: await hash(worker.image.data),
            main: await hash(main.image.data),
          });
        }
        // A preview at 320 px wide: the same stages on a smaller copy, growth and radius scaled.
        const size = { width: 320, height: 320 };
        const preview = await client.buildMask(prepared, regions, settings, { size });
        const fitted = stages.previewSize(prepared.full, size)!;
        const small = stages.previewImage(prepared, fitted);
        const scaled = stages.previewSettings({ ...settings, radius: 9 }, fitted.width / prepared.full.width);
        const smallMask = stages.buildMask(small, regions, scaled);
        rows.push({
          what: `preview mask g${growth}`,
          worker: await hash(preview.mask.data),
          main: await hash(smallMask.mask.data),
        });
        const previewImage = await client.obfuscatePeople(prepared, preview.mask, { ...settings, radius: 9 });
        rows.push({
          what: `preview image g${growth}`,
          worker: await hash(previewImage.image.data),
          main: await hash(stages.obfuscatePeople(small, smallMask.mask, scaled).image.data),
        });
      }
      const provisional = await client.provisionalMask(prepared, detection, DEFAULT_SETTINGS);
      const mask = stages.provisionalMask(prepared, detection.detections, DEFAULT_SETTINGS);
      rows.push({ what: "provisional mask", worker: await hash(provisional.mask.data), main: await hash(mask.data) });
      const provisionalImage = await client.obfuscatePeople(prepared, provisional.mask, DEFAULT_SETTINGS);
      rows.push({
        what: "provisional image",
        worker: await hash(provisionalImage.image.data),
        main: await hash(stages.obfuscatePeople(prepared, mask, DEFAULT_SETTINGS).image.data),
      });
      return { rows, masked: mask.data.reduce((n: number, v: number) => n + v, 0), status: client.status };
    });
    for (const row of results.rows) expect(row.worker, row.what).toBe(row.main);
    expect(results.rows).toHaveLength(2 * 8 + 2);
    expect(results.masked, "the provisional mask hides the detected people").toBeGreaterThan(1000);
    expect(results.status.pixels.where).toBe("worker");
  });

  test("the build-time stages of a sample give its boxes, masks and result with no model loaded", async () => {
    const { page, requests } = await openHarness();
    const result = await page.evaluate(async () => {
      const h = window.harness;
      const client = new h.PipelineClient();
      const { detection, segmentation } = await h.sampleStages("street-group.jpg");
      const prepared = await client.prepareImage(await h.loadSample("street-group.jpg"));
      const regions = h.stages.selectRegions(segmentation, detection, h.DEFAULT_SETTINGS);
      const masks = await client.buildMask(prepared, regions, h.DEFAULT_SETTINGS);
      const hidden = await client.obfuscatePeople(prepared, masks.mask, h.DEFAULT_SETTINGS);
      return {
        people: detection.detections.filter((d) => d.label === "person" && d.score >= h.DEFAULT_SETTINGS.scoreThreshold)
          .length,
        regions: regions.length,
        masked: masks.mask.data.reduce((n: number, v: number) => n + v, 0),
        changed: hidden.image.data.some((v, i) => v !== prepared.full.data[i]),
        models: client.status.models.where,
      };
    });
    expect(result.people).toBeGreaterThanOrEqual(5);
    expect(result.regions).toBeGreaterThan(result.people);
    expect(result.masked).toBeGreaterThan(5000);
    expect(result.changed).toBe(true);
    expect(result.models).toBe("not started");
    expect(requests.filter((url) => /\/data\/models\/|\.wasm$/.test(url))).toEqual([]);
  });

  test("the detector runs on any image in the model worker (the privacy check's request)", async () => {
    const { page } = await openHarness();
    await prepareStreet(page);
    const result = await page.evaluate(async () => {
      const { prepared, detection, client } = window;
      const runs = client.runs.detector;
      // The sample is small enough to be its own inference copy: the same image, so the same detections.
      const again = await client.detect(prepared.inference);
      const viaDetector = await client.detector.detect(prepared.inference);
      return {
        same: JSON.stringify(again) === JSON.stringify(detection.detections),
        sameAgain: JSON.stringify(viaDetector) === JSON.stringify(again),
        runs: client.runs.detector - runs,
        counted: client.detector.runs,
        found: again.length,
      };
    });
    expect(result).toMatchObject({ same: true, sameAgain: true, runs: 2 });
    expect(result.found).toBeGreaterThan(5);
    expect(result.counted).toBeGreaterThanOrEqual(3);
  });

  test("a decoded bitmap's pixels are read in the pixel worker, the same as on the page", async () => {
    const { page } = await openHarness();
    const result = await page.evaluate(async () => {
      const h = window.harness;
      const client = new h.PipelineClient();
      const onPage = await h.loadSample("street-group.jpg");
      const blob = await h.loadFile("street-group.jpg");
      const bitmap = await createImageBitmap(blob, { imageOrientation: "from-image" });
      const prepared = await client.prepareImage(bitmap);
      return {
        size: [prepared.full.width, prepared.full.height],
        same:
          (await h.sha256(prepared.full.data as unknown as BufferSource)) ===
          (await h.sha256(onPage.data as unknown as BufferSource)),
        transparent: prepared.transparent,
        inferenceIsFull: prepared.inference === prepared.full,
        where: client.status.pixels.where,
      };
    });
    expect(result).toEqual({ size: [768, 576], same: true, transparent: 0, inferenceIsFull: true, where: "worker" });
  });

  test("a newer request supersedes older ones: only the last is resolved, with its own result", async () => {
    const { page } = await openHarness();
    await prepareStreet(page);
    const result = await page.evaluate(async () => {
      const { stages, DEFAULT_SETTINGS, sha256, isSuperseded } = window.harness;
      const { prepared, detection, segmentation } = window;
      const regions = stages.selectRegions(segmentation, detection, DEFAULT_SETTINGS);
      const { mask } = await window.client.buildMask(prepared, regions, DEFAULT_SETTINGS);
      const radii = [2, 4, 6, 8, 10, 12, 14, 16];
      const outcomes = await Promise.allSettled(
        radii.map((radius) => window.client.obfuscatePeople(prepared, mask, { ...DEFAULT_SETTINGS, radius })),
      );
      const last = outcomes.at(-1)!;
      const expected = stages.obfuscatePeople(prepared, mask, { ...DEFAULT_SETTINGS, radius: 16 });
      return {
        states: outcomes.map((o) =>
          o.status === "fulfilled" ? "done" : isSuperseded(o.reason) ? "superseded" : String(o.reason),
        ),
        same:
          last.status === "fulfilled" &&
          (await sha256(last.value.image.data as unknown as BufferSource)) ===
            (await sha256(expected.image.data as unknown as BufferSource)),
      };
    });
    expect(result.states).toEqual([...Array(7).fill("superseded"), "done"]);
    expect(result.same).toBe(true);
  });

  test("a crashed worker falls back to the main thread, which still returns the hidden image and counts runs on", async () => {
    const { page } = await openHarness();
    await prepareStreet(page);
    const before = await page.evaluate(async () => ({ runs: window.client.runs }));
    for (const name of ["pixel-worker", "model-worker"]) {
      const worker = page.workers().find((w) => w.url().includes(name));
      expect(worker, name).toBeDefined();
      // An uncaught error inside the worker, as a bug or a failed allocation would raise.
      await worker!.evaluate(() => {
        setTimeout(() => {
          throw new Error("forced crash");
        }, 0);
      });
    }
    await page.waitForFunction(
      () => window.client.status.pixels.where === "main thread" && window.client.status.models.where === "main thread",
      null,
      { timeout: 30_000 },
    );
    const after = await page.evaluate(async () => {
      const { stages, DEFAULT_SETTINGS, sha256 } = window.harness;
      const { prepared, detection, segmentation } = window;
      const regions = stages.selectRegions(segmentation, detection, DEFAULT_SETTINGS);
      const masks = await window.client.buildMask(prepared, regions, DEFAULT_SETTINGS);
      const hidden = await window.client.obfuscatePeople(prepared, masks.mask, DEFAULT_SETTINGS);
      const expected = stages.obfuscatePeople(
        prepared,
        stages.buildMask(prepared, regions, DEFAULT_SETTINGS).mask,
        DEFAULT_SETTINGS,
      );
      const again = await window.client.detectObjects(prepared);
      return {
        status: window.client.status,
        same:
          (await sha256(hidden.image.data as unknown as BufferSource)) ===
          (await sha256(expected.image.data as unknown as BufferSource)),
        changed: hidden.image.data.some((v, i) => v !== prepared.full.data[i]),
        people: [detection, again].map(
          (d) => d.detections.filter((x) => x.label === "person" && x.score >= 0.3).length,
        ),
        runs: window.client.runs,
      };
    });
    expect(after.status.pixels.reason).toMatch(/^the pixels worker crashed: .*forced crash/);
    expect(after.status.models.reason).toMatch(/^the models worker crashed: .*forced crash/);
    expect(after.same).toBe(true);
    expect(after.changed).toBe(true);
    expect(after.people[1]).toBe(after.people[0]);
    expect(after.runs).toEqual({ detector: before.runs.detector + 1, segmenter: before.runs.segmenter });
    expect(page.workers()).toHaveLength(0);
  });

  test("a worker whose script cannot load falls back at once, with the reason", async () => {
    const { page, blockedRequests } = await openHarness({ block: /pixel-worker\.[0-9a-f]+\.js$/ });
    const result = await page.evaluate(async () => {
      const h = window.harness;
      const client = new h.PipelineClient({ startTimeoutMs: 20_000 });
      const image = await h.loadSample("astronaut.png");
      const prepared = await client.prepareImage(image);
      const provisional = await client.provisionalMask(
        prepared,
        { detections: [{ label: "person", score: 0.9, box: { x: 100, y: 50, width: 200, height: 300 } }], ms: 0 },
        h.DEFAULT_SETTINGS,
      );
      return { status: client.status.pixels, masked: provisional.mask.data.reduce((n: number, v: number) => n + v, 0) };
    });
    expect(blockedRequests.length).toBeGreaterThan(0);
    expect(result.status.where).toBe("main thread");
    expect(result.status.reason).toMatch(/^the pixels worker failed to start/);
    expect(result.masked).toBeGreaterThan(200 * 300);
  });
});
