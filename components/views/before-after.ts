// The result over the original, with a slider that reveals the original from the left: the quickest way to
// check that nobody is still recognisable, and that nothing else in the photo changed. The view is made once
// per page: each photo (setPhoto) and each result (a provisional one, a preview while a control moves, the
// final one) is drawn into the same canvases, so nothing is rebuilt.
import type { RgbaImage } from "../core/types.js";
import type { Size } from "../pipeline/preview.js";
import { watchDrawnSize } from "./drawn-size.js";
import { ImageCanvas, paintCanvas } from "./image-canvas.js";
import { describeResult, type ResultKind, type ResultSummary } from "./stage-descriptions.js";

/** provisional: every detected person's box hidden while the masks are made; preview: at the drawn size. */
export type FrameKind = ResultKind;

export interface ResultFrame {
  readonly image: RgbaImage;
  readonly kind: FrameKind;
  /** What it shows: its text alternative says it (describeResult). */
  readonly summary: ResultSummary;
  /** The settings the frame was computed with (data-settings, for tests and benchmarks). */
  readonly settings?: Readonly<Record<string, string | number>>;
}

export interface BeforeAfterOptions {
  /** id of the result's canvas (a stable hook for tests and scripts). */
  id?: string;
  /** Share of the width, 0–100, showing the original at first: 0 shows only the result. */
  value?: number;
}

export interface BeforeAfterElement extends HTMLElement {
  /** Shows a new photo under an empty result (until its first frame). */
  setPhoto(before: RgbaImage): void;
  /** Draws `frame` in place of the last one. */
  draw(frame: ResultFrame): void;
  /** The result's drawn size in device pixels, for previews (undefined before layout). */
  readonly drawnSize: Size | undefined;
  /** Resolves once a first final result has been painted. */
  readonly firstPaint: Promise<void>;
  /** The result's canvas; a "frame" event follows each change of what it shows (a new photo, a new frame). */
  readonly canvas: HTMLCanvasElement;
}

export function BeforeAfter({ id, value = 0 }: BeforeAfterOptions = {}): BeforeAfterElement {
  const figure = document.createElement("figure") as unknown as BeforeAfterElement;
  figure.style.cssText = "margin:0;";
  const stack = document.createElement("div");
  stack.style.cssText = "position:relative;";
  const original = ImageCanvas({ width: 0, height: 0, data: new Uint8ClampedArray() }, { label: "The original photo" });
  // Empty until the first result: the original under it is clipped away at the slider's start.
  const result = document.createElement("canvas");
  if (id) result.id = id;
  result.setAttribute("role", "img");
  result.setAttribute("aria-label", "The result, not computed yet");
  result.style.cssText = "display:block;position:absolute;inset:0;width:100%;height:100%;";
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

  const drawn = watchDrawnSize(result);
  let aspect = 4 / 3;
  let frames = 0;
  let painted!: () => void;
  const firstPaint = new Promise<void>((resolve) => (painted = resolve));
  Object.defineProperties(figure, {
    drawnSize: { get: () => drawn.size(aspect) },
    firstPaint: { value: firstPaint },
    canvas: { value: result },
    setPhoto: {
      value(before: RgbaImage) {
        paintCanvas(original, before);
        aspect = before.width / before.height;
        result.getContext("2d")?.clearRect(0, 0, result.width, result.height);
        delete result.dataset.kind;
        result.setAttribute("aria-label", "The result, not computed yet");
        figure.dispatchEvent(new Event("frame"));
      },
    },
    draw: {
      value({ image, kind, summary, settings }: ResultFrame) {
        paintCanvas(result, image);
        Object.assign(result.dataset, { kind, frame: String(++frames), settings: JSON.stringify(settings ?? {}) });
        result.setAttribute("aria-label", describeResult(kind, summary));
        figure.dispatchEvent(new Event("frame"));
        if (kind === "final") requestAnimationFrame(() => setTimeout(painted, 0));
      },
    },
  });
  return figure;
}
