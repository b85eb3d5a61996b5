// Reading a decoded image's pixels through a 2D canvas off the page's DOM (OffscreenCanvas), so the same code
// reads them on the page or in the pixel worker (which is where a photo's pixels are read: a large photo's
// read takes longer than a frame).
import type { RgbaImage } from "../core/types.js";

/** The pixels of `source` drawn at width × height, as sRGB RGBA bytes. */
export function readPixels(source: CanvasImageSource, width: number, height: number): RgbaImage {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("this browser cannot read image pixels (no 2D canvas)");
  context.drawImage(source, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height, { colorSpace: "srgb" });
  return { width, height, data };
}
