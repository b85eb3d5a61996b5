// The privacy page on the built site: the privacy check, the radius sweep and the method comparison all
// finish in chromium, offline, with no errors; the evaluation charts are drawn from the committed summary.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { OBFUSCATION_METHOD_IDS } from "../../components/core/obfuscate.js";
import {
  defaultTargets,
  type EvalSummary,
  judgedResiduals,
  tradeoffRows,
} from "../../components/pipeline/eval-summary.js";
import { evalFigures } from "../../components/views/eval-figures.js";
import {
  closeBrowser,
  DESKTOP,
  expectNoObservableErrors,
  openPage,
  PHONE,
  screenshot,
  type Viewport,
} from "./browser.js";
import { root } from "./setup.js";

afterAll(closeBrowser);

const SWEEP_RADII = 7;
const METHODS = OBFUSCATION_METHOD_IDS.length;
/** The residual chart draws one point per method and radius evaluated on the default mask. */
const summary = JSON.parse(readFileSync(join(root, "data/eval-summary.json"), "utf8")) as EvalSummary;
const RESIDUAL_POINTS = summary.residual.filter(
  (r) =>
    r.mode === summary.settings.mode &&
    r.segmentationThreshold === summary.settings.segmentationThreshold &&
    r.growth === summary.settings.growth,
).length;
/** The observers judged these: every method and radius on the default mask. */
const JUDGED = judgedResiduals(summary).length;
const OBSERVER_FILES = /human\/(centernet|movenet-lightning|blazeface)\./;

/** Asks every observer; returns the status line's data once done. */
async function askEveryObserver(page: Page): Promise<Record<string, string>> {
  // The observers have not loaded, and the model worker has not even started.
  expect(page.workers().some((w) => w.url().includes("model-worker"))).toBe(false);
  await page.getByRole("button", { name: "Ask every observer" }).click();
  const status = page.locator("#privacy-observers-status");
  // Done once it says where the observers ran (the line said "done" before, with nothing asked).
  await page.waitForSelector(
    '#privacy-observers-status[data-state="done"][data-where], #privacy-observers-status[data-state="error"]',
    { timeout: 180_000 },
  );
  expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("done");
  console.log(`e2e privacy, every observer: ${await status.textContent()}`);
  return status.evaluate((e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);
}

async function checkPrivacyPage(viewport: Viewport): Promise<void> {
  const opened = await openPage("privacy", viewport);
  const { page } = opened;
  try {
    await page.waitForSelector('#page-status[data-state="done"], #page-status[data-state="error"]', {
      timeout: 120_000,
    });
    const status = page.locator("#page-status");
    expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("done");
    console.log(`e2e privacy (${viewport.width} px): ${await status.textContent()}`);
    const before = Number(await status.getAttribute("data-before"));
    const still = Number(await status.getAttribute("data-still"));
    expect(before).toBeGreaterThanOrEqual(1);
    expect(still).toBeLessThanOrEqual(before);

    // 1. The check: a box per person found before, a table row each.
    expect(await page.locator("#privacy-default svg rect[stroke]").count()).toBe(before);
    expect(await page.locator(".privacy-table tbody tr").count()).toBe(before);
    expect(await page.locator("#privacy-check").getAttribute("data-hidden")).toBeNull();

    // 2 and 3. The sweep and the methods finish.
    await page.waitForSelector('#privacy-sweep-status[data-state="done"]', { timeout: 120_000 });
    await page.waitForSelector('#privacy-methods-status[data-state="done"]', { timeout: 120_000 });

    // 1 again, with every observer, once nothing else runs the detector: one detector run (its re-run on the
    // result, which also judges the scene), CenterNet on the photo and the result, MoveNet and BlazeFace
    // on each person in both, all in the model worker.
    const observed = await askEveryObserver(page);
    expect(observed.where).toBe("worker");
    expect(Number(observed.checkDetectorRuns)).toBe(1);
    expect(Number(observed.objectsRuns)).toBe(2);
    expect(Number(observed.poseRuns)).toBe(2 * before);
    expect(Number(observed.facesRuns)).toBe(2 * before);
    const modelWorker = page.workers().find((w) => w.url().includes("model-worker"));
    expect(modelWorker, "a model worker").toBeDefined();
    const workerFiles = await modelWorker!.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    expect(workerFiles.filter((url) => OBSERVER_FILES.test(url)).length, "observer files fetched by the worker").toBe(
      6,
    );
    const pageFiles = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    expect(
      pageFiles.filter((url) => OBSERVER_FILES.test(url)),
      "observer files fetched by the page",
    ).toEqual([]);
    // The panel: a row per person with who still finds them, the counts, the scene.
    const panel = page.locator("#privacy-check");
    const hidden = Number(await panel.getAttribute("data-hidden"));
    expect(hidden).toBe(Number(observed.hidden));
    expect(Number(observed.people)).toBe(before);
    expect(await page.locator(".privacy-table tbody tr").count()).toBe(before);
    expect(await page.locator('.privacy-table tbody tr[data-found-by-any="false"]').count()).toBe(hidden);
    // The defaults hide the sample's people from the detector; the observers may still find one.
    expect(hidden).toBeGreaterThanOrEqual(before - 1);
    const objects = Number(await panel.getAttribute("data-objects"));
    const kept = Number(await panel.getAttribute("data-kept"));
    expect(await panel.locator(".privacy-counts").textContent()).toBe(
      `People hidden: ${hidden} of ${before}; ${objects === 0 ? "no other object found in the photo" : `other objects kept: ${kept} of ${objects}`}` +
        `${Number(await panel.getAttribute("data-painted")) > 0 ? `; objects painted in: ${await panel.getAttribute("data-painted")}` : ""}.`,
    );
    expect(await page.locator(".privacy-scene-table tbody tr[data-kept]").count()).toBe(objects);
    expect(await page.locator("#privacy-default").getAttribute("data-hidden")).toBe(String(hidden));

    // 4. The example person in the original and after each method, with their colours: the fuzz keeps them.
    await page.waitForSelector("#privacy-appearance", { timeout: 120_000 });
    const appearance = page.locator("#privacy-appearance figure[data-label]");
    expect(await appearance.count()).toBe(METHODS + 1);
    const distance = async (label: string) =>
      Number(await page.locator(`#privacy-appearance figure[data-label="${label}"]`).getAttribute("data-distance"));
    expect(await distance("Original")).toBe(0);
    expect(await distance("Fuzz")).toBeLessThan(await distance("Fill"));
    expect(await distance("Fuzz")).toBeLessThan(await distance("Background"));
    expect(await page.locator("#privacy-appearance-table tbody tr").count()).toBe(METHODS);
    expect(await page.locator("#sweep-detector-chart circle").count()).toBe(SWEEP_RADII * before);
    expect(await page.locator("#sweep-segmenter-chart circle").count()).toBe(2 * SWEEP_RADII);
    expect(await page.locator("#privacy-methods figure[data-method]").count()).toBe(METHODS);
    expect(await page.locator("#tradeoff-chart circle").count()).toBe(METHODS);
    // The default method's entry agrees with the check above.
    expect(await page.locator('#privacy-methods figure[data-method="background"]').getAttribute("data-still")).toBe(
      String(still),
    );

    // 4. Undoing fuzz with the seed: at least as many people found again as in the fuzzed photo.
    const undo = page.locator("#privacy-unfuzz");
    expect(Number(await undo.getAttribute("data-restored"))).toBeGreaterThan(0.3);
    expect(Number(await undo.getAttribute("data-found-undone"))).toBeGreaterThanOrEqual(
      Number(await undo.getAttribute("data-found-fuzzed")),
    );

    // 6. The evaluation charts: 60 mask variants (+ the default ring), and residual lines; every observer,
    // re-identification, the scene and the trade-off, each with its table.
    expect(await page.locator("#recall-precision-chart circle").count()).toBeGreaterThanOrEqual(60);
    expect(await page.locator("#masks-table tbody tr").count()).toBe(summary.masks.length);
    expect(await page.locator("#residual-chart circle").count()).toBe(RESIDUAL_POINTS);
    expect(await page.locator("#observers-chart circle").count()).toBe(5 * JUDGED);
    expect(await page.locator("#observers-table tbody tr").count()).toBe(JUDGED + 2);
    expect(await page.locator("#reid-chart circle").count()).toBe(2 * JUDGED);
    const withReid = summary.residual.filter((r) => r.reid !== null).length;
    expect(await page.locator("#reid-table tbody tr").count()).toBe(withReid);
    expect(await page.locator("#utility-chart circle").count()).toBe(2 * JUDGED);
    expect(await page.locator("#painted-chart circle").count()).toBe(JUDGED);
    expect(await page.locator("#utility-table tbody tr").count()).toBe(withReid);
    const tradeoff = tradeoffRows(summary).length;
    expect(await page.locator('#privacy-tradeoff-chart g[aria-label="dot"] > *').count()).toBe(3 * tradeoff);
    expect(await page.locator("#tradeoff-table tbody tr").count()).toBe(tradeoff);
    const targets = defaultTargets(summary);
    expect(await page.locator("#targets-table tbody tr").count()).toBe(targets.length);
    expect(await page.locator("#targets-table tbody tr.target-missed").count()).toBe(
      targets.filter((t) => !t.met).length,
    );
    // …and the prose under them states the data's figures.
    const figures = evalFigures(JSON.parse(readFileSync(join(root, "data/eval-summary.json"), "utf8")));
    const prose = (await page.locator("#eval-figures").textContent())?.replace(/\s+/g, " ") ?? "";
    for (const figure of [
      `hides ${figures.defaults.recall} of person pixels at precision ${figures.defaults.precision}`,
      `it finds ${figures.defaults.stillDetected} (${figures.defaults.stillDetectedCount})`,
      `fuzz leaves ${figures.stillDetected("fuzz", 8)} detectable at radius 8, ${figures.stillDetected("fuzz", 16)} at 16`,
    ]) {
      expect(prose).toContain(figure);
    }
    const text = async (selector: string) => (await page.locator(selector).textContent())?.replace(/\s+/g, " ") ?? "";
    const bg = figures.judged("background", 8);
    const bgFuzz = figures.judged("background-fuzz", 8);
    const choice = await text("#defaults-choice");
    for (const figure of [
      `meet ${figures.againstTargets.met} of the ${figures.againstTargets.total} targets`,
      `any observer finds ${bgFuzz.any} of people (${bgFuzz.anyCount}) against ${bg.any} (${bg.anyCount})`,
      `paints in ${bgFuzz.painted} objects per 10 photos against ${bg.painted}`,
      `(${bgFuzz.rank1} against ${bg.rank1})`,
    ]) {
      expect(choice).toContain(figure);
    }
    expect(await text("#tradeoff-answer")).toContain(
      `within the target are ${figures.tradeoff.private}; of those, ${figures.tradeoff.privateAndUseful}`,
    );

    await expectNoObservableErrors(page);
    expect(opened.foreignRequests, "requests to hosts other than 127.0.0.1").toEqual([]);
    expect(opened.failedResponses, "failed responses").toEqual([]);
    expect(opened.pageErrors, "uncaught page errors").toEqual([]);
    expect(opened.consoleErrors, "console errors").toEqual([]);
    await screenshot(page, "privacy");
    if (viewport === DESKTOP) {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.waitForTimeout(300);
      await screenshot(page, "privacy-dark");
    }
  } finally {
    await opened.close();
  }
}

/** Picks a sweep method and waits for its sweep to finish; returns the model run counts then. */
async function sweepWith(page: Page, label: string, method: string): Promise<{ detector: number; segmenter: number }> {
  await page.getByLabel(label, { exact: true }).check();
  const status = page.locator(`#privacy-sweep-status[data-state="done"][data-method="${method}"]`);
  await status.waitFor({ timeout: 120_000 });
  return {
    detector: Number(await status.getAttribute("data-detector-runs")),
    segmenter: Number(await status.getAttribute("data-segmenter-runs")),
  };
}

describe("privacy page", () => {
  test("a new sweep method re-runs only the sweep (one detector and one segmenter run per radius); an upload runs every section", async () => {
    const opened = await openPage("privacy", DESKTOP);
    const { page } = opened;
    try {
      await page.waitForSelector('#privacy-sweep-status[data-state="done"][data-method="fuzz"]', { timeout: 120_000 });
      await page.waitForSelector('#privacy-methods-status[data-state="done"]', { timeout: 120_000 });
      await page.waitForSelector("#privacy-unfuzz", { timeout: 120_000 });
      const fill = await sweepWith(page, "Fill", "fill");
      const fuzz = await sweepWith(page, "Fuzz", "fuzz");
      expect(fuzz.detector - fill.detector).toBe(SWEEP_RADII);
      expect(fuzz.segmenter - fill.segmenter).toBe(SWEEP_RADII);

      // A full check, then an uploaded photo: it goes through every section, and the full check is cleared.
      await page.waitForSelector("#privacy-appearance", { timeout: 120_000 });
      await askEveryObserver(page);
      expect(await page.locator("#privacy-check").getAttribute("data-hidden")).not.toBeNull();
      await page.locator('input[type="file"]').setInputFiles(join(root, "data/samples/astronaut.png"));
      await page.waitForFunction(
        () => document.querySelector("#page-status")?.textContent?.startsWith("astronaut.png"),
        null,
        { timeout: 120_000 },
      );
      await page.waitForSelector('#privacy-sweep-status[data-state="done"]', { timeout: 120_000 });
      await page.waitForSelector('#privacy-methods-status[data-state="done"]', { timeout: 120_000 });
      console.log(`e2e privacy, uploaded: ${await page.locator("#page-status").textContent()}`);
      expect(await page.locator("#privacy-check").getAttribute("data-hidden")).toBeNull();
      expect(await page.locator("#privacy-observers-status").getAttribute("data-state")).toBe("done");
      expect(await page.locator("#privacy-observers-status").textContent()).toContain("Not asked yet");
      expect(Number(await page.locator("#page-status").getAttribute("data-before"))).toBeGreaterThanOrEqual(1);
      await page.waitForSelector("#privacy-unfuzz", { timeout: 120_000 });
      await screenshot(page, "privacy-upload");
      await expectNoObservableErrors(page);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("checks, sweeps and compares the methods on the default photo (desktop)", () => checkPrivacyPage(DESKTOP));
  test("renders on a phone", () => checkPrivacyPage(PHONE));

  test("a model worker that cannot start leaves the observers on the main thread, where they still judge", async () => {
    // The worker's own script, not the modules the main thread loads in its place.
    const opened = await openPage("privacy", DESKTOP, { block: /\/model-worker\.[0-9a-f]+\.js$/ });
    const { page } = opened;
    try {
      await page.waitForSelector('#page-status[data-state="done"]', { timeout: 120_000 });
      const before = Number(await page.locator("#page-status").getAttribute("data-before"));
      const observed = await askEveryObserver(page);
      expect(observed.where).toBe("main thread");
      expect(await page.locator("#privacy-observers-status small").textContent()).toMatch(
        /on the page's main thread \(the models? worker failed to start/,
      );
      expect(Number(observed.objectsRuns)).toBe(2);
      expect(Number(observed.poseRuns)).toBe(2 * before);
      expect(await page.locator(".privacy-table tbody tr").count()).toBe(before);
      expect(opened.blockedRequests.some((url) => url.includes("model-worker"))).toBe(true);
      await expectNoObservableErrors(page);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
