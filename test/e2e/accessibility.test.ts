// axe-core on every page of the built site (found in dist/, so a page added later is checked without
// touching this test), light and dark, at desktop and phone widths, once the page has finished its work:
// no serious or critical violation, and no moderate or minor one except those listed below with a reason.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { describeFindings, type Finding, runAxe } from "./axe.js";
import { closeBrowser, DESKTOP, openPage, PHONE } from "./browser.js";
import { waitUntilSettled } from "./settled.js";

afterAll(closeBrowser);

/** Moderate or minor findings accepted, each for one element and with the reason it cannot be fixed. */
const ACCEPTED: readonly { rule: string; target: string; reason: string }[] = [
  {
    rule: "region",
    target: "#observablehq-sidebar-toggle",
    reason:
      "Framework's sidebar toggle is a checkbox before <nav>: its CSS opens the sidebar with `:checked ~` sibling " +
      "selectors, so moving it into a landmark would break the toggle; it is named (page-shell.ts) and works " +
      "from the keyboard",
  },
];

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

function isAccepted(finding: Finding): boolean {
  return ACCEPTED.some(({ rule, target }) => finding.rule === rule && finding.target === target);
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
        const findings = (await runAxe(opened.page)).filter((finding) => !isAccepted(finding));
        if (findings.length) report.push(`${colorScheme}:\n${describeFindings(findings)}`);
      }
      expect(report.join("\n"), `/${path} at ${viewport.width} px`).toBe("");
      expect(opened.pageErrors, "uncaught page errors").toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
