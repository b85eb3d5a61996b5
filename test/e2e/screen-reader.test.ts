// What a screen reader gets: each stage image of the home page named by what it shows (who was found and where,
// what the masks cover, what the result hides), renamed when a setting changes it; the status line a polite
// live region; the charts of the detection and privacy pages with tables of the same figures.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { OBFUSCATION_METHODS } from "../../components/core/obfuscate.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import { SWEEP_RADII } from "../../components/pipeline/sweep-radius.js";
import { closeBrowser, DESKTOP, openPage } from "./browser.js";
import { readStatus, SAMPLE_NAME, upload, waitForFinalWith, waitForPhoto } from "./home-page.js";
import { waitUntilSettled } from "./settled.js";
import { root } from "./setup.js";

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

/** What the status line said while the page worked, recorded in the page on every change to it. */
interface Said {
  /** What a screen reader announces: the live region's text, less what is hidden from it or not live. */
  announced: string;
  /** What the line shows. */
  shown: string;
  state: string;
  progress: number | null;
}

/** Installs, before the page runs, a recorder of #pipeline-status into `window.statusSaid`. */
function recordStatusLine(): void {
  const said: Said[] = [];
  (window as unknown as { statusSaid: Said[] }).statusSaid = said;
  const announced = (node: Node): string => {
    if (node instanceof Text) return node.data;
    if (!(node instanceof HTMLElement)) return "";
    if (node.hidden || node.getAttribute("aria-hidden") === "true" || node.getAttribute("aria-live") === "off")
      return "";
    return [...node.childNodes].map(announced).join("");
  };
  new MutationObserver(() => {
    const line = document.getElementById("pipeline-status");
    if (!line) return;
    const bar = line.querySelector("progress")!;
    const now: Said = {
      announced: announced(line).trim(),
      shown: [...line.children]
        .slice(0, 2)
        .map((e) => e.textContent)
        .join(""),
      state: line.dataset.state ?? "",
      progress: bar.hidden ? null : bar.value,
    };
    const last = said.at(-1);
    if (!last || JSON.stringify(last) !== JSON.stringify(now)) said.push(now);
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

describe("the status line for screen readers", () => {
  test("announces each state and the final message, not every loading percentage, which the progress bar carries", async () => {
    const opened = await openPage("", DESKTOP, {
      before: async (context) => {
        await context.addInitScript(recordStatusLine);
      },
    });
    const { page } = opened;
    try {
      await waitForPhoto(page, SAMPLE_NAME);
      await waitUntilSettled(page);
      // Your own photo needs the models, which load with a progress bar.
      const done = await upload(page, {
        name: "announced.png",
        mimeType: "image/png",
        buffer: readFileSync(join(root, "data/samples/astronaut.png")),
      });
      expect(done.state).toBe("done");
      const said = await page.evaluate(() => (window as unknown as { statusSaid: Said[] }).statusSaid);
      const loading = said.filter((s) => s.state === "loading" && s.progress !== null);
      // The models loaded in several steps, each shown as a percentage and on the progress bar...
      expect(new Set(loading.map((s) => s.progress)).size).toBeGreaterThan(1);
      expect(new Set(loading.map((s) => s.shown)).size).toBeGreaterThan(1);
      for (const s of loading) expect(s.shown).toBe(`Loading the models… ${Math.round(100 * s.progress!)}%`);
      // ...but announced as one message.
      expect([...new Set(loading.map((s) => s.announced))]).toEqual(["Loading the models…"]);
      expect(said.filter((s) => /\d%/.test(s.announced) && s.state !== "done")).toEqual([]);
      // The final message is announced as shown.
      const last = said.at(-1)!;
      expect(last.state).toBe("done");
      expect(last.announced).toBe(last.shown);
      expect(last.announced).toMatch(/^Done: \d+ (person|people) found, [\d.]+% of pixels replaced\.$/);
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
