// axe-core (the pinned dev dependency) in the e2e tests: injected into an opened page, run over the whole
// document, its violations returned as plain data. Evaluated through playwright, so the page's
// Content-Security-Policy does not apply to it (it is the test's script, not the site's).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type Impact = "minor" | "moderate" | "serious" | "critical";

/** One rule broken on one element. */
export interface Finding {
  /** The rule, e.g. "color-contrast". */
  rule: string;
  impact: Impact;
  /** The element's CSS selector path, e.g. "#observablehq-sidebar-toggle". */
  target: string;
  /** axe's explanation of what is wrong with this element. */
  summary: string;
}

/** Moderate or minor findings accepted, each for one element and with the reason it cannot be fixed. */
export const ACCEPTED: readonly { rule: string; target: string; reason: string }[] = [
  {
    rule: "region",
    target: "#observablehq-sidebar-toggle",
    reason:
      "Framework's sidebar toggle is a checkbox before <nav>: its CSS opens the sidebar with `:checked ~` sibling " +
      "selectors, so moving it into a landmark would break the toggle; it is named (page-shell.ts) and works " +
      "from the keyboard",
  },
];

/** The findings not in ACCEPTED. */
export function unaccepted(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !ACCEPTED.some(({ rule, target }) => f.rule === rule && f.target === target));
}

/** Runs every axe rule on the page as it is now; one finding per rule and element. */
export async function runAxe(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate("typeof globalThis.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: typeof import("axe-core") }).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.flatMap((violation) =>
      violation.nodes.map((node) => ({
        rule: violation.id,
        impact: (node.impact ?? violation.impact ?? "minor") as Impact,
        target: node.target.map(String).join(" "),
        summary: (node.failureSummary ?? "").replace(/\s+/g, " ").trim(),
      })),
    );
  });
}

/** One line per finding, for a failure message. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.impact} ${f.rule} at ${f.target}: ${f.summary}`).join("\n");
}
