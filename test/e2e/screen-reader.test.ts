// What a screen reader gets: each stage image of the home page named by what it shows (who was found and where,
// what the masks cover, what the result hides), renamed when a setting changes it; the status line a polite
// live region; the charts of the detection and privacy pages with tables of the same figures.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { OBFUSCATION_METHODS } from "../../components/core/obfuscate.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import { SWEEP_RADII } from "../../components/pipeline/sweep-radius.js";
import { closeBrowser, DESKTOP, openPage } from "./browser.js";
import { readStatus, SAMPLE_NAME, waitForFinalWith, waitForPhoto } from "./home-page.js";
import { waitUntilSettled } from "./settled.js";

afterAll(closeBrowser);

/** The accessible names of the boxes, masks and result images. */
function stageNames(page: Page): Promise<{ boxes: string; masks: string; result: string }> {
  return page.evaluate(() => {
    const name = (selector: string) => document.querySelector(selector)?.getAttribute("aria-label") ?? "";
    return {
      boxes: name('#person-boxes [role="img"]'),
      masks: name('#person-masks [role="img"]'),
      result: name("#fuzz-output"),
    };
  });
}

/** "2.3%" from the status line's "Done: 6 people found, 2.3% of pixels replaced." */
async function hiddenPercent(page: Page): Promise<string> {
  const { text } = await readStatus(page);
  const share = /([\d.]+%) of pixels replaced/.exec(text)?.[1];
  if (!share) throw new Error(`no share in the status line: ${text}`);
  return share;
}

describe("home page for screen readers", () => {
  test("each stage image says what it shows, and says it again when a setting changes it", async () => {
    const opened = await openPage("", DESKTOP);
    const { page } = opened;
    try {
      const first = await waitForPhoto(page, SAMPLE_NAME);
      await waitUntilSettled(page);
      expect(first.people).toBeGreaterThan(1);
      const before = await stageNames(page);
      const share = await hiddenPercent(page);
      // The boxes count the detector's people; the result, as the status line, also those only BodyPix found.
      const boxed = async () => Number(await page.locator("#person-boxes").getAttribute("data-people"));
      const boxedBefore = await boxed();
      expect(before.boxes).toMatch(new RegExp(`^${boxedBefore} people found: boxes around people at the `));
      expect(before.boxes.match(/\(score \d\.\d\d\)/g)).toHaveLength(Math.min(8, boxedBefore));
      expect(before.masks).toMatch(/^The dimmed photo: \d+ person masks, each in its own colour/);
      expect(before.masks).toContain(`the grown mask, covers ${share} of the pixels`);
      const method = OBFUSCATION_METHODS[DEFAULT_SETTINGS.method].label.toLowerCase();
      expect(before.result).toBe(
        `The photo with ${first.people} people hidden by ${method}: ${share} of the pixels are hidden.`,
      );

      // The status line is announced politely as it changes, its second line (timings) is not.
      const status = page.locator("#pipeline-status");
      expect(await status.getAttribute("role")).toBe("status");
      expect(await status.locator("small").getAttribute("aria-live")).toBe("off");

      // Fewer people count at a high threshold: every name follows.
      await page.getByRole("slider", { name: "Detector score at least" }).evaluate((input: HTMLInputElement) => {
        input.value = "0.9";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await waitForFinalWith(page, "scoreThreshold", 0.9);
      await waitUntilSettled(page);
      const after = await stageNames(page);
      const { people } = await readStatus(page);
      expect(await boxed()).toBeLessThan(boxedBefore);
      expect(after.boxes).toMatch(new RegExp(`^${await boxed()} (person|people) found`));
      expect(after.result).toMatch(new RegExp(`^The photo with ${people} (person|people) hidden`));
      expect(after.boxes).toMatch(/doubtful guess/);
      expect(after.result).toContain(`${await hiddenPercent(page)} of the pixels are hidden`);
      expect(after.result).not.toBe(before.result);
      expect(after.masks).toContain(`the grown mask, covers ${await hiddenPercent(page)} of the pixels`);
      expect(after.masks).not.toBe(before.masks);
    } finally {
      await opened.close();
    }
  });
});

describe("charts for screen readers", () => {
  test("the detection page's score chart has a table of every detection", async () => {
    const opened = await openPage("detection", DESKTOP);
    const { page } = opened;
    try {
      await waitUntilSettled(page);
      const boxes = page.locator("#detection-boxes");
      const rows = page.locator("#score-table tbody tr");
      expect(await rows.count()).toBe(Number(await boxes.getAttribute("data-total")));
      expect(await rows.filter({ hasText: "yes" }).count()).toBe(Number(await boxes.getAttribute("data-people")));
    } finally {
      await opened.close();
    }
  });

  test("the privacy page's radius sweep has a table of each radius", async () => {
    const opened = await openPage("privacy", DESKTOP);
    const { page } = opened;
    try {
      await waitUntilSettled(page);
      const radii = await page.locator("#sweep-table tbody th").allTextContents();
      expect(radii).toEqual(SWEEP_RADII.map(String));
    } finally {
      await opened.close();
    }
  });
});
