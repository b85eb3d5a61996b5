// When a page of the built site has finished its work, whatever the page: for checks of the page as a visitor
// finally sees it (accessibility, keyboard).
import type { Page } from "playwright-core";

/**
 * Waits until the page has finished its work: every cell displayed (Framework shows <observablehq-loading> until
 * then), every status line stopped (done, no people or an error; those of work run only on request never
 * start), and on the home page the final result drawn.
 */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      if (document.querySelector("observablehq-loading")) return false;
      const busy = [...document.querySelectorAll<HTMLElement>('[role="status"][data-state]')].some((line) =>
        ["loading", "running"].includes(line.dataset.state ?? ""),
      );
      const result = document.querySelector<HTMLElement>("#fuzz-output");
      return !busy && (!result || result.dataset.kind === "final");
    },
    null,
    { timeout: 150_000, polling: 100 },
  );
}
