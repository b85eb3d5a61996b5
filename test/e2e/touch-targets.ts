// Touch targets on a phone: every control of a page's main column a thumb can hit, at least 44 × 44 CSS pixels
// (WCAG 2.5.5), measured as laid out. Links inside running text are exempt, as WCAG allows.
import type { Page } from "playwright-core";

/** The smallest size a control may have on a phone, in CSS pixels. */
export const MIN_TARGET = 44;

/** Each visible control of #observablehq-main smaller than MIN_TARGET either way, as "name: width × height". */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const main = document.querySelector("#observablehq-main");
    if (!main) return [];
    const controls = main.querySelectorAll<HTMLElement>(
      'input:not([type="hidden"]), select, button, summary, textarea, [tabindex]:not([tabindex="-1"]), a[href]',
    );
    const small: string[] = [];
    for (const control of controls) {
      if (!control.getClientRects().length || control.closest("[hidden]")) continue;
      // A link in a sentence is exempt; a radio or checkbox is hit through its label.
      if (control instanceof HTMLAnchorElement && control.closest("p, li, td, figcaption")) continue;
      const hit =
        control instanceof HTMLInputElement && ["radio", "checkbox", "file"].includes(control.type)
          ? (control.closest("label") ?? control)
          : control;
      const { width, height } = hit.getBoundingClientRect();
      if (width < min || height < min) {
        const name =
          control.getAttribute("aria-label") ??
          (control as HTMLInputElement).labels?.[0]?.textContent ??
          control.textContent ??
          "";
        small.push(
          `${control.tagName.toLowerCase()} "${name.replace(/\s+/g, " ").trim().slice(0, 40)}": ${Math.round(width)} × ${Math.round(height)}`,
        );
      }
    }
    return small;
  }, MIN_TARGET);
}
