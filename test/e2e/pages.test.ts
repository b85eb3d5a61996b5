// The "how it works", compare and about pages on the built site: each renders without errors, offline,
// shows its main view at desktop and phone widths, runs its models in a worker (never tfjs on the page), and
// (on the detection page) moving a slider filters the detector's answer without running the model again. A
// worker that cannot start is replaced by the main thread, and the page says so.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { OBFUSCATION_METHOD_IDS } from "../../components/core/obfuscate.js";
import {
  closeBrowser,
  DESKTOP,
  expectNoObservableErrors,
  type OpenedPage,
  openPage,
  PHONE,
  screenshot,
  type Viewport,
} from "./browser.js";

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
  await page
    .locator('input[type="range"]')
    .nth(index)
    .evaluate((input: HTMLInputElement, v) => {
      input.value = String(v);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
}

/** Opens a page, waits for its status (when it has one) and its main view, checks it, screenshots it. */
async function checkPage(
  path: string,
  viewport: Viewport,
  mainView: string,
  { status = true } = {},
): Promise<OpenedPage> {
  const opened = await openPage(path, viewport);
  if (status) {
    console.log(`e2e ${path} (${viewport.width} px): ${await waitForStatus(opened.page)}`);
    // The models ran in the model worker: tfjs never loaded on the page itself.
    expect(await opened.page.evaluate("'_tfengine' in globalThis"), "tfjs on the page").toBe(false);
    expect(opened.page.workers().some((w) => w.url().includes("model-worker"))).toBe(true);
  }
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
    await (await checkPage("detection", PHONE, "#detection-boxes svg rect")).close();
  });
});

/** Each page once on a desktop, with a check of what it shows, and once on a phone. */
const PAGES: { path: string; mainView: string; check: (page: Page) => Promise<void> }[] = [
  {
    path: "segmentation",
    mainView: "#mode-masks canvas",
    check: async (page) => {
      expect(await page.locator("#mode-masks canvas").count()).toBe(3);
      expect(await page.locator("#probability-heatmap canvas").count()).toBe(1);
      expect(Number(await page.locator("#person-masks").getAttribute("data-people"))).toBeGreaterThanOrEqual(1);
    },
  },
  {
    path: "mask",
    mainView: "#growth-magnifier canvas",
    check: async (page) => {
      expect(await page.locator("#growth-magnifier path").count()).toBe(5); // ungrown + 4 growths
      expect(await page.locator("#growth-fuzz canvas").count()).toBe(3);
    },
  },
  {
    path: "fuzz",
    mainView: "#fuzz-magnifier canvas",
    check: async (page) => {
      // Every replaced pixel's colour is found in the original within r: the fuzz only moves pixels.
      const magnifier = page.locator("#fuzz-magnifier");
      expect(
        Number(await magnifier.getAttribute("data-candidates")),
        "the default pixel is a replaced one",
      ).toBeGreaterThanOrEqual(1);
      const before = await magnifier.getAttribute("data-selected");
      const result = page.locator("#fuzz-magnifier-result");
      const box = (await result.boundingBox())!;
      await result.click({ position: { x: box.width * 0.2, y: box.height * 0.8 } }); // scrolls it into view first
      expect(await magnifier.getAttribute("data-selected")).not.toBe(before);
      expect(await page.locator("#radius-grid canvas").count()).toBe(4);
      expect(await page.locator("#method-grid canvas").count()).toBe(OBFUSCATION_METHOD_IDS.length);
    },
  },
  {
    path: "compare",
    mainView: "#timing-table tr[data-mode='union']",
    check: async (page) => {
      // street-group: multi-person BodyPix misses the small people that boxes finds.
      expect(Number(await page.locator("#missed-pixels").getAttribute("data-multi"))).toBeGreaterThan(0);
      expect(await page.locator("#iou-table tbody tr").count()).toBe(3);
      expect(await page.locator("#compare-masks canvas").count()).toBe(3);
    },
  },
];

describe.each(PAGES)("$path page", ({ path, mainView, check }) => {
  test("renders its views offline on a desktop", async () => {
    const opened = await checkPage(path, DESKTOP, mainView);
    try {
      await check(opened.page);
      await expectNoObservableErrors(opened.page);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("renders on a phone", async () => {
    await (await checkPage(path, PHONE, mainView)).close();
  });
});

describe("a worker that cannot start", () => {
  test("is replaced by the main thread: the fuzz page still shows every method, and says where the pixel work ran", async () => {
    const opened = await openPage("fuzz", DESKTOP, { block: /pixel-worker\.[0-9a-f]+\.js$/ });
    try {
      const text = await waitForStatus(opened.page);
      expect(text).toMatch(/the pixel work on the main thread \(the pixels worker failed to start/);
      await opened.page.waitForSelector("#fuzz-magnifier canvas", { timeout: 60_000 });
      expect(await opened.page.locator("#method-grid canvas").count()).toBe(OBFUSCATION_METHOD_IDS.length);
      expect(opened.blockedRequests.length).toBeGreaterThan(0);
      await expectNoObservableErrors(opened.page);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("about page", () => {
  test.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("lists the models with sizes from data/models.json on a %s", async (_, viewport) => {
    const opened = await checkPage("about", viewport, "#model-table td", { status: false });
    try {
      const text = (await opened.page.locator("#model-table").textContent()) ?? "";
      expect(text).toContain("18.0 MB");
      expect(text).toContain("2.6 MB");
      expect(text).toContain("Apache-2.0");
    } finally {
      await opened.close();
    }
  });
});
