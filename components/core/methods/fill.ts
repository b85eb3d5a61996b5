// Solid fill: the plainest obfuscation; nothing of the person survives but the silhouette.
import { checkColor, checkImageAndMask } from "../image.js";
import type { Mask, RgbaImage } from "../types.js";

export interface FillOptions {
  /** [r, g, b, a], integers in [0, 255]. Default opaque mid grey. */
  color?: readonly [number, number, number, number];
}

export const DEFAULT_FILL_COLOR = [128, 128, 128, 255] as const;

/** Returns a new image with every masked pixel set to `color`; other pixels unchanged. */
export function fill(image: RgbaImage, mask: Mask, options: FillOptions = {}): RgbaImage {
  const { color = DEFAULT_FILL_COLOR } = options;
  checkImageAndMask(image, mask);
  checkColor(color, "color");
  const data = new Uint8ClampedArray(image.data);
  const m = mask.data;
  const [r, g, b, a] = color;
  for (let i = 0, j = 0; i < m.length; i++, j += 4) {
    if (m[i] === 0) continue;
    data[j] = r;
    data[j + 1] = g;
    data[j + 2] = b;
    data[j + 3] = a;
  }
  return { width: image.width, height: image.height, data };
}
