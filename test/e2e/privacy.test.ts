// The privacy page on the built site: the privacy check, the radius sweep and the method comparison all
// finish in chromium, offline, with no errors; the evaluation charts are drawn from the committed summary.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { OBFUSCATION_METHOD_IDS } from "../../components/core/obfuscate.js";
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
const summary = JSON.parse(readFileSync(join(root, "data/eval-summary.json"), "utf8")) as {
  settings: { mode: string; segmentationThreshold: number; growth: number };
  residual: Array<{ mode: string; segmentationThreshold: number; growth: number }>;
};
const RESIDUAL_POINTS = summary.residual.filter(
  (r) =>
    r.mode === summary.settings.mode &&
    r.segmentationThreshold === summary.settings.segmentationThreshold &&
    r.growth === summary.settings.growth,
).length;

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

    // 2 and 3. The sweep and the methods finish.
    await page.waitForSelector('#privacy-sweep-status[data-state="done"]', { timeout: 120_000 });
    await page.waitForSelector('#privacy-methods-status[data-state="done"]', { timeout: 120_000 });
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

    // 5. The evaluation charts: 60 mask variants (+ the default ring), and residual lines.
    expect(await page.locator("#recall-precision-chart circle").count()).toBeGreaterThanOrEqual(60);
    expect(await page.locator("#residual-chart circle").count()).toBe(RESIDUAL_POINTS);
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

      // An uploaded photo goes through every section.
      await page.locator('input[type="file"]').setInputFiles(join(root, "data/samples/astronaut.png"));
      await page.waitForFunction(
        () => document.querySelector("#page-status")?.textContent?.startsWith("astronaut.png"),
        null,
        { timeout: 120_000 },
      );
      await page.waitForSelector('#privacy-sweep-status[data-state="done"]', { timeout: 120_000 });
      await page.waitForSelector('#privacy-methods-status[data-state="done"]', { timeout: 120_000 });
      console.log(`e2e privacy, uploaded: ${await page.locator("#page-status").textContent()}`);
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
});
