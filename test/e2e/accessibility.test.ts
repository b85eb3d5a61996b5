// axe-core on every page of the built site (found in dist/, so a page added later is checked without
// touching this test), light and dark, at desktop and phone widths, once the page has finished its work:
// no serious or critical violation, and no moderate or minor one except those listed below with a reason. On a
// phone, every control is at least 44 px to touch.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, test } from "vitest";
import { describeFindings, runAxe, unaccepted } from "./axe.js";
import { closeBrowser, DESKTOP, openPage, PHONE } from "./browser.js";
import { waitUntilSettled } from "./settled.js";
import { smallTargets } from "./touch-targets.js";

afterAll(closeBrowser);

/** The site's pages: every .html in dist/ outside Framework's own folders (/_observablehq/, /_npm/, …). */
function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith("_")) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".html")) pages.push(relative(dir, path).replace(/(^|\/)index\.html$|\.html$/, ""));
    }
  };
  visit(dir);
  return pages.sort();
}

/**
 * Images (canvas, svg, img) a screen reader would reach without a name: axe checks only those with a role or an
 * alt attribute, and a canvas has neither of its own.
 */
function unnamedImages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("#observablehq-main :is(canvas, svg, img)")]
      .filter((image) => !image.closest('[aria-hidden="true"]') && !image.parentElement?.closest('[role="img"]'))
      .filter((image) => !image.getAttribute("aria-label") && !image.getAttribute("alt"))
      .map((image) => `${image.tagName.toLowerCase()} in ${image.parentElement?.outerHTML.slice(0, 80)}`),
  );
}

const PAGES = builtPages(inject("distDir"));

test("the site has pages to check, and the data folder's README is not one of them", () => {
  expect(PAGES).toContain("");
  expect(PAGES.length).toBeGreaterThanOrEqual(8);
  expect(PAGES).not.toContain("data/README");
});

describe.each(PAGES)("page /%s", (path) => {
  test.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("no accessibility violations at %s width, light and dark", async (_name, viewport) => {
    const opened = await openPage(path, viewport);
    try {
      await waitUntilSettled(opened.page);
      const report: string[] = [];
      for (const colorScheme of ["light", "dark"] as const) {
        // The themes are CSS only (src/style.css): switching the media query restyles the page as loading it would.
        await opened.page.emulateMedia({ colorScheme });
        const findings = unaccepted(await runAxe(opened.page));
        if (findings.length) report.push(`${colorScheme}:\n${describeFindings(findings)}`);
      }
      expect(report.join("\n"), `/${path} at ${viewport.width} px`).toBe("");
      expect(await unnamedImages(opened.page), "images without a text alternative").toEqual([]);
      if (viewport === PHONE) expect(await smallTargets(opened.page), "touch targets under 44 px").toEqual([]);
      expect(opened.pageErrors, "uncaught page errors").toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
