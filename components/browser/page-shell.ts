// Accessibility repairs to the page shell that Observable Framework 1.13 renders around every page and
// that its config cannot change: the document language, a viewport that allows zoom, and names and
// structure for the sidebar's controls. Loaded from observablehq.config.ts `head` on every page.
// Each repair is a no-op when Framework already does the right thing, so an upgrade cannot break it.

/** The site is written in English. */
export const PAGE_LANGUAGE = "en";

export function repairPageShell(document: Document): void {
  const html = document.documentElement;
  if (!html.lang) html.lang = PAGE_LANGUAGE;

  // Framework sets maximum-scale=1, which stops people zooming on phones (WCAG 1.4.4).
  const viewport = document.querySelector<HTMLMetaElement>('meta[name="viewport"]');
  if (viewport && /maximum-scale|user-scalable/.test(viewport.content)) {
    viewport.content = "width=device-width, initial-scale=1";
  }

  // The sidebar toggle is a checkbox named only by its title, and its close label sits inside the list.
  const toggle = document.getElementById("observablehq-sidebar-toggle");
  if (toggle && !toggle.hasAttribute("aria-label")) toggle.setAttribute("aria-label", "Show the list of pages");
  const sidebar = document.getElementById("observablehq-sidebar");
  if (sidebar) {
    if (!sidebar.hasAttribute("aria-label")) sidebar.setAttribute("aria-label", "Pages");
    const close = document.getElementById("observablehq-sidebar-close");
    if (close && close.parentElement?.tagName === "OL") sidebar.prepend(close);
  }
  const toc = document.querySelector("#observablehq-toc nav");
  if (toc && !toc.hasAttribute("aria-label")) toc.setAttribute("aria-label", "On this page");

  // Keyboard users reach the page's own content without tabbing through every page of the sidebar first.
  const main = document.getElementById("observablehq-main");
  if (main && !document.getElementById(SKIP_LINK_ID)) {
    const skip = Object.assign(document.createElement("a"), {
      id: SKIP_LINK_ID,
      href: "#observablehq-main",
      textContent: "Skip to the content",
    });
    main.tabIndex = -1; // so the link moves the focus there, not only the scroll position
    document.body.prepend(skip);
  }
}

/** The id of the skip link (styled in src/style.css: shown only while it has the focus). */
export const SKIP_LINK_ID = "skip-to-content";

/**
 * Observable Inputs' range labels its number box only (`<label for>`), leaving the slider itself without a
 * name. Gives each unnamed slider its form's label text. Returns the number of sliders named.
 */
export function nameSliders(root: ParentNode): number {
  let named = 0;
  for (const slider of root.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
    if (slider.hasAttribute("aria-label") || slider.hasAttribute("aria-labelledby") || slider.labels?.length) continue;
    const label = slider.closest("form")?.querySelector("label")?.textContent?.trim();
    if (!label) continue;
    slider.setAttribute("aria-label", label);
    named++;
  }
  return named;
}

repairPageShell(document);
// Pages create their inputs after load, and re-create them when a cell re-runs.
nameSliders(document);
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element) nameSliders(node);
  }
}).observe(document.body, { childList: true, subtree: true });
