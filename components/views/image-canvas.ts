import type { RgbaImage } from "../core/types.js";

/** A canvas holding `image` at full resolution, scaled by CSS to the width of its container. */
export function ImageCanvas(image: RgbaImage, { id, label }: { id?: string; label?: string } = {}): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  if (id) canvas.id = id;
  if (label) canvas.setAttribute("aria-label", label);
  canvas.style.cssText = "display:block;width:100%;height:auto;";
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw images (no 2D canvas)");
  context.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  return canvas;
}
