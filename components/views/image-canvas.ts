import type { RgbaImage } from "../core/types.js";

/** A canvas holding `image` at full resolution, scaled by CSS to the width of its container. */
export function ImageCanvas(image: RgbaImage, { id, label }: { id?: string; label?: string } = {}): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  if (id) canvas.id = id;
  // A canvas has no role of its own: a named one is an image, so screen readers read its name.
  if (label) {
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
  }
  canvas.style.cssText = "display:block;width:100%;height:auto;";
  paintCanvas(canvas, image);
  return canvas;
}

/**
 * Puts `image` on `canvas` in place of what it showed, resizing its pixel grid to the image's when they differ
 * (a preview is smaller than the photo). The image's bytes are used as they are, not copied.
 */
export function paintCanvas(canvas: HTMLCanvasElement, image: RgbaImage): void {
  if (canvas.width !== image.width || canvas.height !== image.height) {
    canvas.width = image.width;
    canvas.height = image.height;
  }
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw images (no 2D canvas)");
  if (image.data.length)
    context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
}
