// The home page on a phone (390 px): the stage cards stack, so the result is screens away from the boxes' and
// masks' controls. A small copy of the result stays in view while such a control is on screen, shows each new
// frame, and takes the visitor to the result when tapped. Touch target sizes are checked on every page by
// accessibility.test.ts.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { describeFindings, runAxe, unaccepted } from "./axe.js";
import { closeBrowser, openPage, PHONE, screenshot } from "./browser.js";
import { SAMPLE_NAME, waitForFinalWith, waitForPhoto } from "./home-page.js";
import { waitUntilSettled } from "./settled.js";

afterAll(closeBrowser);

/** Whether the bar's thumbnail holds exactly the result scaled to its size (drawn the same way here). */
function mirrorsResult(page: Page): Promise<{ same: boolean; blank: boolean }> {
  return page.evaluate(() => {
    const thumbnail = document.querySelector<HTMLCanvasElement>(".result-preview canvas")!;
    const result = document.querySelector<HTMLCanvasElement>("#fuzz-output")!;
    const expected = Object.assign(document.createElement("canvas"), {
      width: thumbnail.width,
      height: thumbnail.height,
    });
    expected.getContext("2d")!.drawImage(result, 0, 0, thumbnail.width, thumbnail.height);
    const a = thumbnail.getContext("2d")!.getImageData(0, 0, thumbnail.width, thumbnail.height).data;
    const b = expected.getContext("2d")!.getImageData(0, 0, thumbnail.width, thumbnail.height).data;
    return { same: a.length > 0 && a.every((v, i) => v === b[i]), blank: a.every((v) => v === 0) };
  });
}

/** Whether at least half of `selector` is inside the viewport. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const r = element.getBoundingClientRect();
    const visible = Math.max(0, Math.min(r.bottom, window.innerHeight) - Math.max(r.top, 0));
    return visible >= r.height / 2;
  });
}

describe("home page on a phone", () => {
  test("the result stays in view, as a small copy, while a stage's control is used", async () => {
    const opened = await openPage("", PHONE);
    const { page } = opened;
    try {
      await waitForPhoto(page, SAMPLE_NAME);
      await waitUntilSettled(page);
      const bar = page.locator(".result-preview");
      // At the top of the page no control that changes the result is in view.
      expect(await bar.isVisible()).toBe(false);

      const score = page.getByRole("slider", { name: "Detector score at least" });
      await score.scrollIntoViewIfNeeded();
      await expect.poll(() => bar.isVisible()).toBe(true);
      expect(await inView(page, "#fuzz-output")).toBe(false);
      const shown = await mirrorsResult(page);
      expect(shown).toEqual({ same: true, blank: false });
      // The copy is out of the way of screen readers and the keyboard, which reach the result itself.
      const findings = unaccepted(await runAxe(page));
      expect(findings, describeFindings(findings)).toEqual([]);

      // Every person under the threshold: the result changes, and so does its copy.
      await score.focus();
      await page.keyboard.press("End");
      await waitForFinalWith(page, "scoreThreshold", Number(await score.inputValue()));
      expect(await mirrorsResult(page)).toEqual({ same: true, blank: false });
      expect(await bar.isVisible()).toBe(true);
      await screenshot(page, "home-result-preview");

      // Tapping the copy shows the result itself, and the copy goes away.
      await bar.click();
      await expect.poll(() => inView(page, "#fuzz-output")).toBe(true);
      await expect.poll(() => bar.isVisible()).toBe(false);
    } finally {
      await opened.close();
    }
  });
});
