// The accessibility repairs to Framework's page shell (components/browser/page-shell.ts, src/style.css):
// checked in the built site, on a page with sliders, so a Framework upgrade or a config change that drops
// them fails here.
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, DESKTOP, openPage, PHONE } from "./browser.js";

afterAll(closeBrowser);

describe("page shell", () => {
  test("declares its language, allows zoom, and names the sidebar and every slider", async () => {
    const opened = await openPage("fuzz", PHONE);
    const { page } = opened;
    try {
      await page.locator('input[type="range"]').first().waitFor({ timeout: 120_000 });
      const shell = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        viewport: document.querySelector<HTMLMetaElement>('meta[name="viewport"]')?.content,
        toggle: document.getElementById("observablehq-sidebar-toggle")?.getAttribute("aria-label"),
        sidebar: document.getElementById("observablehq-sidebar")?.getAttribute("aria-label"),
        listChildren: [...document.querySelectorAll("#observablehq-sidebar ol > *")].map((e) => e.tagName),
        sliders: [...document.querySelectorAll<HTMLInputElement>('input[type="range"]')].map(
          (s) => s.getAttribute("aria-label") ?? (s.labels?.length ? "labelled" : null),
        ),
        sliderHeights: [...document.querySelectorAll<HTMLInputElement>('input[type="range"]')].map(
          (s) => s.getBoundingClientRect().height,
        ),
      }));
      expect(shell.lang).toBe("en");
      expect(shell.viewport).toBe("width=device-width, initial-scale=1");
      expect(shell.toggle).toBeTruthy();
      expect(shell.sidebar).toBe("Pages");
      expect(new Set(shell.listChildren)).toEqual(new Set(["LI"]));
      expect(shell.sliders.length).toBeGreaterThan(0);
      for (const name of shell.sliders) expect(name).toBeTruthy();
      for (const height of shell.sliderHeights) expect(height).toBeGreaterThanOrEqual(44);
    } finally {
      await opened.close();
    }
  });

  test("a skip link, the first stop of Tab, leads past the sidebar to the page's content", async () => {
    const opened = await openPage("about", DESKTOP);
    const { page } = opened;
    try {
      await page.keyboard.press("Tab");
      const skip = page.locator("#skip-to-content");
      expect(await skip.evaluate((link) => document.activeElement === link)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0 && box.height > 0).toBe(true);
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      // The next stop is inside the content, not the sidebar's first link.
      expect(await page.evaluate(() => document.activeElement?.closest("#observablehq-main") !== null)).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
