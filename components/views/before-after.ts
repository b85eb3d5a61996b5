// The result over the original, with a slider that reveals the original from the left: the quickest
// way to check that nobody is still recognisable, and that nothing else in the photo changed.
import type { RgbaImage } from "../core/types.js";
import { ImageCanvas } from "./image-canvas.js";

export interface BeforeAfterOptions {
  /** id of the result's canvas (a stable hook for tests and scripts). */
  id?: string;
  /** Share of the width, 0–100, showing the original at first: 0 shows only the result. */
  value?: number;
}

export function BeforeAfter(
  { before, after }: { before: RgbaImage; after: RgbaImage },
  { id, value = 0 }: BeforeAfterOptions = {},
): HTMLElement {
  const figure = document.createElement("figure");
  figure.style.cssText = "margin:0;";
  const stack = document.createElement("div");
  stack.style.cssText = "position:relative;";
  const original = ImageCanvas(before, { label: "The original photo" });
  const result = ImageCanvas(after, { id, label: "The photo with people hidden" });
  result.style.position = "absolute";
  result.style.inset = "0";
  const divider = document.createElement("div");
  divider.style.cssText =
    "position:absolute;top:0;bottom:0;width:2px;margin-left:-1px;background:#fff;box-shadow:0 0 0 1px rgba(0,0,0,.5);pointer-events:none;";
  stack.append(original, result, divider);

  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = "100";
  slider.step = "any";
  slider.value = String(value);
  slider.setAttribute("aria-label", "Reveal the original photo, from the left");
  slider.style.cssText = "display:block;width:100%;margin:0.5rem 0 0;";
  const show = () => {
    const share = Number(slider.value);
    result.style.clipPath = `inset(0 0 0 ${share}%)`;
    // The original is clipped too: where the result is transparent, the person must not show through.
    original.style.clipPath = `inset(0 ${100 - share}% 0 0)`;
    divider.style.left = `${share}%`;
    divider.hidden = share === 0 || share === 100;
  };
  // Kept inside the figure: the page's own inputs must not see this slider's events.
  slider.addEventListener("input", (event) => {
    event.stopPropagation();
    show();
  });
  show();

  const caption = document.createElement("figcaption");
  caption.textContent = "Drag to reveal the original on the left.";
  figure.append(stack, slider, caption);
  return figure;
}
