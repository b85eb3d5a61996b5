// The site from the keyboard alone: Tab reaches every control of the home page, each showing a focus ring, and
// each control works from the keys (the photo pickers, a stage's slider, the before/after slider, the privacy
// check); on the fuzz page the arrow keys move the magnifier's inspected pixel. On the fuzz, privacy and video
// pages Tab reaches every control with a focus ring (the tables behind "the figures as a table" too, once open);
// on the video page Enter on the drop zone opens the file picker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FileChooser, Locator, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { describeFindings, runAxe, unaccepted } from "./axe.js";
import { closeBrowser, DESKTOP, openPage } from "./browser.js";
import { photoCardText, readStatus, SAMPLE_NAME, waitForFinalWith, waitForPhoto, waitForStatus } from "./home-page.js";
import { waitUntilSettled } from "./settled.js";
import { root } from "./setup.js";

afterAll(closeBrowser);

/** The focused element: how to name it in a failure, and whether it shows a focus ring of 2 px or more. */
interface Focused {
  name: string;
  ring: boolean;
}

function readFocus(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    // An invisible control (the drop zone's file input) shows its ring on the label around it.
    const shown =
      getComputedStyle(element).opacity === "0" ? (element.closest("label") ?? element) : (element as Element);
    const style = getComputedStyle(shown);
    const name =
      element.getAttribute("aria-label") ??
      (element as HTMLInputElement).labels?.[0]?.textContent ??
      element.textContent ??
      "";
    return {
      name: `${element.tagName.toLowerCase()}[${element.getAttribute("type") ?? ""}] "${name.replace(/\s+/g, " ").trim().slice(0, 50)}"`,
      ring: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab until `target` has the focus (at most 150 times); fails if it never gets it. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  const element = await target.elementHandle();
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((e) => document.activeElement === e, element)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The page's controls that Tab must reach: every shown, enabled control, and of each radio group the checked one. */
function pageControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector("#observablehq-main")!;
    return (
      [...main.querySelectorAll<HTMLElement>("input, select, button, textarea, [tabindex]")]
        // checkVisibility: the content of a closed <details> keeps its boxes (content-visibility) but takes no focus.
        .filter((e) => e.checkVisibility() && !(e as HTMLInputElement).disabled && e.tabIndex >= 0)
        .filter((e) => !(e instanceof HTMLInputElement && e.type === "radio" && !e.checked))
        .map((e) => {
          const name =
            e.getAttribute("aria-label") ?? (e as HTMLInputElement).labels?.[0]?.textContent ?? e.textContent;
          return `${e.tagName.toLowerCase()}[${e.getAttribute("type") ?? ""}] "${(name ?? "").replace(/\s+/g, " ").trim().slice(0, 50)}"`;
        })
    );
  });
}

/** One round of Tab from the top of the page back to it: what took the focus, in order. */
async function tabRound(page: Page): Promise<Focused[]> {
  const reached: Focused[] = [];
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement === document.body)) return reached;
    reached.push(await readFocus(page));
  }
  throw new Error(`Tab never came back to the top of ${page.url()}`);
}

/** Tab reaches every control of the page, each with a focus ring; returns the names of what it reached. */
async function expectTabReachesEveryControl(page: Page, atLeast: number): Promise<string[]> {
  const reached = await tabRound(page);
  const names = reached.map((f) => f.name);
  const controls = await pageControls(page);
  expect(controls.length).toBeGreaterThanOrEqual(atLeast);
  const skipped = controls.filter((control) => !names.includes(control));
  expect(skipped, `controls Tab skips: ${skipped.join("; ")}`).toEqual([]);
  expect(
    reached.filter((f) => !f.ring).map((f) => f.name),
    "focused without a ring",
  ).toEqual([]);
  return names;
}

/**
 * As expectTabReachesEveryControl, then again with every <details> open (its toggle was reached the first time):
 * Tab reaches what they show too (the "figures as a table" tables). Returns the names reached the second time.
 */
async function expectTabReachesEveryControlOpened(page: Page, atLeast: number): Promise<string[]> {
  await expectTabReachesEveryControl(page, atLeast);
  const closed = await page.evaluate(() => {
    const shut = [...document.querySelectorAll<HTMLDetailsElement>("#observablehq-main details:not([open])")];
    for (const details of shut) details.open = true;
    return shut.length;
  });
  return expectTabReachesEveryControl(page, atLeast + closed);
}

describe("home page from the keyboard", () => {
  test("Tab reaches every control with a focus ring, and each works from the keys", async () => {
    const opened = await openPage("", DESKTOP);
    const { page } = opened;
    // Playwright intercepts file pickers from when a listener is registered (a round trip later): so, early.
    const choosers: FileChooser[] = [];
    page.on("filechooser", (chooser) => choosers.push(chooser));
    try {
      await waitForPhoto(page, SAMPLE_NAME);
      await waitUntilSettled(page);

      // The photo pickers, the stages' settings, the before/after slider, the download and the privacy check.
      const names = await expectTabReachesEveryControl(page, 18);
      expect(names).toContain('input[range] "Reveal the original photo, from the left"');
      expect(names).toContain('input[file] "Choose your own photo or drop it here"');

      // The before/after slider: End shows the whole original, Home the whole result, an arrow key a step.
      const reveal = page.getByRole("slider", { name: "Reveal the original photo, from the left" });
      const clip = () => page.locator("#fuzz-output").evaluate((c: HTMLElement) => c.style.clipPath);
      await tabTo(page, reveal);
      await page.keyboard.press("End");
      expect(await reveal.inputValue()).toBe("100");
      expect(await clip()).toBe("inset(0px 0px 0px 100%)");
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      expect(Number(await reveal.inputValue())).toBeGreaterThan(0);
      expect(await clip()).not.toBe("inset(0px 0px 0px 0%)");

      // A stage's slider: PageUp raises the detector's threshold, and the result is computed again with it.
      const score = page.getByRole("slider", { name: "Detector score at least" });
      await tabTo(page, score);
      const before = Number(await score.inputValue());
      await page.keyboard.press("PageUp");
      const after = Number(await score.inputValue());
      expect(after).toBeGreaterThan(before);
      await waitForFinalWith(page, "scoreThreshold", after);

      // The sample picker: an arrow key picks the next sample, and its result is shown.
      const shownName = async () => (await photoCardText(page)).split(",")[0]!;
      const first = await shownName();
      await tabTo(page, page.locator('input[type="radio"]:checked').first());
      await page.keyboard.press("ArrowDown");
      await expect.poll(shownName, { timeout: 60_000, interval: 100 }).not.toBe(first);
      expect((await waitForPhoto(page, await shownName())).state).toBe("done");

      // The drop zone: Enter opens the file picker; the photo chosen there goes through the pipeline.
      const picker = page.locator('.drop-input input[type="file"]');
      await tabTo(page, picker);
      const runs = (await readStatus(page)).detectorRuns;
      await page.keyboard.press("Enter");
      await expect.poll(() => choosers.length).toBe(1);
      await choosers[0]!.setFiles({
        name: "from-the-keyboard.png",
        mimeType: "image/png",
        buffer: readFileSync(join(root, "data/samples/astronaut.png")),
      });
      await waitForStatus(page, (s) => s.detectorRuns > runs);
      expect(await photoCardText(page)).toMatch(/^from-the-keyboard\.png,/);

      // The privacy check: Enter on its button runs the detector on the result and shows what it found.
      const check = page.getByRole("button", { name: "Run the detector on the result" });
      await tabTo(page, check);
      await page.keyboard.press("Enter");
      await page.locator("#privacy-check").waitFor({ timeout: 150_000 });
      // What the keys opened is accessible too.
      const findings = unaccepted(await runAxe(page));
      expect(findings, describeFindings(findings)).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("fuzz page from the keyboard", () => {
  test("the arrow keys move the magnifier's inspected pixel", async () => {
    const opened = await openPage("fuzz", DESKTOP);
    const { page } = opened;
    try {
      await waitUntilSettled(page);
      const magnifier = page.locator("#fuzz-magnifier");
      const selected = async () => (await magnifier.getAttribute("data-selected"))!.split(",").map(Number);
      await tabTo(page, page.locator("#fuzz-magnifier-result"));
      expect((await readFocus(page)).ring).toBe(true);
      const scrolled = await page.evaluate(() => window.scrollY);
      const [x, y] = await selected();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowDown");
      expect(await selected()).toEqual([x! + 1, y! + 1]);
      await page.keyboard.press("Shift+ArrowLeft");
      expect(await selected()).toEqual([x! - 4, y! + 1]);
      // The note says where the newly inspected pixel's colour came from.
      expect(await magnifier.locator("p[aria-live]").textContent()).toContain(`Pixel (${x! - 4}, ${y! + 1})`);
      // The keys moved the pixel, not the page.
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    } finally {
      await opened.close();
    }
  });
});

describe("the other interactive pages from the keyboard", () => {
  test.each([
    ["fuzz", 4],
    ["privacy", 4],
  ])("the %s page: Tab reaches every control, each with a focus ring", async (path, atLeast) => {
    const opened = await openPage(path, DESKTOP);
    try {
      await waitUntilSettled(opened.page);
      await expectTabReachesEveryControlOpened(opened.page, atLeast);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("the video page: Tab reaches every control with a focus ring, the camera's button among them, and Enter on the drop zone opens the file picker", async () => {
    const opened = await openPage("video", DESKTOP);
    const { page } = opened;
    // Registered as the page opens: Playwright intercepts file pickers only a round trip after a listener is added.
    const choosers: FileChooser[] = [];
    page.on("filechooser", (chooser) => choosers.push(chooser));
    try {
      await waitUntilSettled(page);
      const names = await expectTabReachesEveryControlOpened(page, 8);
      expect(names).toContain('button[button] "Start the camera"');

      const start = page.getByRole("button", { name: "Start the camera" });
      await tabTo(page, start);
      expect((await readFocus(page)).ring).toBe(true);

      await tabTo(page, page.locator('.drop-input input[type="file"]'));
      expect((await readFocus(page)).ring).toBe(true);
      await page.keyboard.press("Enter");
      await expect.poll(() => choosers.length).toBe(1);
      expect(choosers[0]!.isMultiple()).toBe(false);
      expect(await choosers[0]!.element().getAttribute("accept")).toMatch(/video/);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
