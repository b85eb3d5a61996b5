// The "how it works", compare and about pages on the built site: each renders without errors, offline,
// shows its main view at desktop and phone widths, and (on the detection page) moving a slider filters
// the detector's answer without running the model again.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { DESKTOP, PHONE, closeBrowser, expectNoObservableErrors, openPage, screenshot, type OpenedPage, type Viewport } from "./browser.js";

afterAll(closeBrowser);

/** Waits for the page's status line to finish and fails with its text if it reports an error. */
async function waitForStatus(page: Page): Promise<string> {
  await page.waitForSelector('#page-status[data-state="done"], #page-status[data-state="error"]', { timeout: 120_000 });
  const status = page.locator("#page-status");
  const text = (await status.textContent()) ?? "";
  expect(await status.getAttribute("data-state"), text).toBe("done");
  return text;
}

function expectCleanRun(opened: OpenedPage): void {
  expect(opened.foreignRequests, "requests to hosts other than 127.0.0.1").toEqual([]);
  expect(opened.failedResponses, "failed responses").toEqual([]);
  expect(opened.pageErrors, "uncaught page errors").toEqual([]);
  expect(opened.consoleErrors, "console errors").toEqual([]);
}

/** Sets an Observable Inputs.range slider (the nth on the page) the way a user's drag does. */
async function setSlider(page: Page, index: number, value: number): Promise<void> {
  await page.locator('input[type="range"]').nth(index).evaluate((input: HTMLInputElement, v) => {
    input.value = String(v);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

/** Opens a page, waits for its status (when it has one) and its main view, checks it, screenshots it. */
async function checkPage(path: string, viewport: Viewport, mainView: string, { status = true } = {}): Promise<OpenedPage> {
  const opened = await openPage(path, viewport);
  if (status) console.log(`e2e ${path} (${viewport.width} px): ${await waitForStatus(opened.page)}`);
  await opened.page.waitForSelector(mainView, { timeout: 60_000 });
  await expectNoObservableErrors(opened.page);
  expectCleanRun(opened);
  await screenshot(opened.page, path);
  return opened;
}

describe("detection page", () => {
  test("draws every detection and re-filters on the threshold without running the detector", async () => {
    const opened = await checkPage("detection", DESKTOP, "#detection-boxes svg rect");
    try {
      const { page } = opened;
      const boxes = page.locator("#detection-boxes");
      const count = async (name: string) => Number(await boxes.getAttribute(`data-${name}`));
      const total = await count("total");
      const peopleAtDefault = await count("people");
      expect(total).toBeGreaterThan(peopleAtDefault);
      expect(peopleAtDefault).toBeGreaterThanOrEqual(1);
      expect(await page.locator("#score-chart circle").count()).toBe(total);
      expect(await page.locator("#page-status").getAttribute("data-runs")).toBe("1");

      await setSlider(page, 0, 0.9);
      await page.waitForSelector('#page-status[data-threshold="0.9"]');
      expect(await count("people")).toBeLessThan(peopleAtDefault);
      expect(await count("above")).toBeLessThan(await count("total"));
      expect(await count("total")).toBe(total);
      expect(await page.locator("#page-status").getAttribute("data-runs"), "the detector must not run again").toBe("1");
      await expectNoObservableErrors(page);
    } finally {
      await opened.close();
    }
  });

  test("renders on a phone", async () => {
    (await checkPage("detection", PHONE, "#detection-boxes svg rect")).close();
  });
});
