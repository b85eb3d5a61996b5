// Mosaic: masked pixels take the mean colour of their grid block.
import { checkImageAndMask, checkInteger } from "../image.js";
import type { Mask, RgbaImage } from "../types.js";

export interface PixelateOptions {
  /** Block side in pixels; blocks are aligned to a grid from the top-left corner. Default 16. */
  size?: number;
}

/**
 * Returns a new image where each masked pixel takes the mean RGBA (rounded) of its size×size
 * block. The mean is over ALL the block's pixels in the original image, masked or not: averaging
 * only the masked ones would keep more of the person's own colours in small partial blocks.
 * Edge blocks are cut at the border and averaged over the pixels they have. Size 1 is a copy.
 */
export function pixelate(image: RgbaImage, mask: Mask, options: PixelateOptions = {}): RgbaImage {
  const { size = 16 } = options;
  checkImageAndMask(image, mask);
  checkInteger(size, "size", 1);
  const { width, height } = image;
  const src = image.data;
  const out = new Uint8ClampedArray(src);
  const m = mask.data;
  const bw = Math.ceil(width / size);
  const bh = Math.ceil(height / size);
  // Only blocks that contain a masked pixel need a mean.
  const used = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const brow = Math.floor(y / size) * bw;
    for (let x = 0, i = y * width; x < width; x++, i++) if (m[i] !== 0) used[brow + Math.floor(x / size)] = 1;
  }
  for (let by = 0; by < bh; by++) {
    const y0 = by * size,
      y1 = Math.min(height, y0 + size);
    for (let bx = 0; bx < bw; bx++) {
      if (used[by * bw + bx] === 0) continue;
      const x0 = bx * size,
        x1 = Math.min(width, x0 + size);
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let y = y0; y < y1; y++) {
        for (let j = (y * width + x0) * 4, end = (y * width + x1) * 4; j < end; j += 4) {
          r += src[j]!;
          g += src[j + 1]!;
          b += src[j + 2]!;
          a += src[j + 3]!;
        }
      }
      const n = (x1 - x0) * (y1 - y0);
      r = Math.round(r / n);
      g = Math.round(g / n);
      b = Math.round(b / n);
      a = Math.round(a / n);
      for (let y = y0; y < y1; y++) {
        for (let x = x0, i = y * width + x0; x < x1; x++, i++) {
          if (m[i] === 0) continue;
          const j = i * 4;
          out[j] = r;
          out[j + 1] = g;
          out[j + 2] = b;
          out[j + 3] = a;
        }
      }
    }
  }
  return { width, height, data: out };
}
