// On a phone the stage cards stack: the boxes' and masks' controls are screens away from the result they
// change. This bar keeps a small copy of the result at the bottom of the screen while a control that changes it
// is in view and the result itself is not; tapping it scrolls to the result. It only mirrors the result view
// (redrawn on each of its frames), so it adds no work to the pipeline.

/** The result view it mirrors: its canvas, and a "frame" event after each frame drawn into it. */
export interface MirroredView extends HTMLElement {
  readonly canvas: HTMLCanvasElement;
}

export interface ResultPreviewOptions {
  /** The controls that change the result: the bar shows while one of them is on screen. */
  readonly controls: readonly Element[];
  /** The bar's text, e.g. "Result": tapping it shows the full result. */
  readonly label?: string;
}

/** The bar's height in CSS pixels: focused controls scroll clear of it (scroll-padding). */
export const PREVIEW_HEIGHT = 88;

const STYLE = `
.result-preview { display: none; }
@media (max-width: 640px) {
  .result-preview:not([hidden]) { display: flex; position: fixed; left: 0; right: 0; bottom: 0; z-index: 2;
    height: ${PREVIEW_HEIGHT}px; box-sizing: border-box; padding: 6px 12px; gap: 12px; align-items: center;
    background: var(--theme-background-alt); color: var(--theme-foreground);
    border: 0; border-top: solid 1px var(--theme-foreground-faintest); font: 14px var(--sans-serif);
    text-align: left; cursor: pointer; box-shadow: 0 -2px 8px rgba(0, 0, 0, 0.15); }
  .result-preview canvas { height: 100%; width: auto; border-radius: 4px; }
  html:has(.result-preview:not([hidden])) { scroll-padding-bottom: ${PREVIEW_HEIGHT + 8}px; }
}
`;

export function ResultPreview(view: MirroredView, { controls, label = "Result" }: ResultPreviewOptions): HTMLElement {
  const bar = document.createElement("button");
  bar.type = "button";
  bar.className = "result-preview";
  bar.hidden = true;
  // A copy of what the result view already says: hidden from screen readers and out of the Tab order, which
  // reach the result itself.
  bar.setAttribute("aria-hidden", "true");
  bar.tabIndex = -1;
  const thumbnail = document.createElement("canvas");
  const text = document.createElement("span");
  const small = Object.assign(document.createElement("small"), { textContent: "Tap to see it full size" });
  text.append(
    Object.assign(document.createElement("strong"), { textContent: label }),
    document.createElement("br"),
    small,
  );
  const style = document.createElement("style");
  style.textContent = STYLE;
  bar.append(style, thumbnail, text);

  const copy = () => {
    const { canvas } = view;
    // At the bar's drawn size (device pixels), never more than the result's own.
    const height = Math.min(canvas.height, Math.round((PREVIEW_HEIGHT - 12) * (globalThis.devicePixelRatio || 1)));
    const width = Math.max(1, Math.round((height * canvas.width) / Math.max(1, canvas.height)));
    if (thumbnail.width !== width || thumbnail.height !== height) Object.assign(thumbnail, { width, height });
    const context = thumbnail.getContext("2d");
    context?.clearRect(0, 0, width, height);
    if (canvas.width && canvas.height) context?.drawImage(canvas, 0, 0, width, height);
  };
  view.addEventListener("frame", copy);
  // A glide to the result, or a jump for visitors who prefer reduced motion.
  bar.addEventListener("click", () =>
    view.scrollIntoView({
      block: "center",
      behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth",
    }),
  );

  // Shown while a control is on screen and the result is not (mostly): the result is then one tap away.
  const onScreen = new Set<Element>();
  let resultShown = false;
  const update = () => {
    bar.hidden = resultShown || onScreen.size === 0;
  };
  const controlsObserver = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target);
      else onScreen.delete(entry.target);
    }
    update();
  });
  for (const control of controls) controlsObserver.observe(control);
  const resultObserver = new IntersectionObserver(
    ([entry]) => {
      resultShown = (entry?.intersectionRatio ?? 0) >= 0.5;
      update();
    },
    // The part of the screen the bar leaves free.
    { threshold: [0, 0.5, 1], rootMargin: `0px 0px -${PREVIEW_HEIGHT}px 0px` },
  );
  resultObserver.observe(view.canvas);
  return bar;
}
