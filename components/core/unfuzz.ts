// The attack on random-neighbour fuzz (fuzz.ts): with the seed and the mask, most of it can be undone.
import { fuzz } from "./fuzz.js";
import { checkImageAndMask } from "./image.js";
import type { Mask, RgbaImage } from "./types.js";

export interface Unfuzzed {
  /** The fuzzed image with every hidden pixel whose value survived put back, the rest guessed from neighbours. */
  readonly image: RgbaImage;
  /** Share of the masked pixels restored exactly (their original value was copied somewhere and is put back). */
  readonly restoredShare: number;
}

/**
 * Undoes random-neighbour fuzz as far as it can be undone by someone who knows (or guesses) the seed and
 * the mask. The fuzz reads every source from the original and picks it from the seed and the pixel's
 * position alone, so fuzzing an image of pixel indices with the same seed and mask tells where each
 * hidden pixel's value came from; every masked pixel that served as a source gets its own value back
 * (about 1 − 1/e ≈ 63% of them inside a large mask). The others take the mean of their restored or
 * unmasked 8-neighbours, in one pass.
 */
export function unfuzz(fuzzed: RgbaImage, mask: Mask, { radius, seed }: { radius: number; seed: number }): Unfuzzed {
  checkImageAndMask(fuzzed, mask);
  const { width, height } = fuzzed;
  const indices = new Uint8ClampedArray(width * height * 4);
  const words = new Uint32Array(indices.buffer);
  for (let i = 0; i < words.length; i++) words[i] = i;
  const sources = new Uint32Array(fuzz({ width, height, data: indices }, mask, { radius, seed }).data.buffer);
  const out = new Uint8ClampedArray(fuzzed.data);
  const known = new Uint8Array(width * height);
  let masked = 0,
    restored = 0;
  for (let i = 0; i < known.length; i++) {
    if (!mask.data[i]) {
      known[i] = 1;
      continue;
    }
    masked++;
    const s = sources[i]!;
    if (mask.data[s] && !known[s]) {
      out.set(fuzzed.data.subarray(i * 4, i * 4 + 4), s * 4);
      known[s] = 1;
      restored++;
    }
  }
  const filled = new Uint8ClampedArray(out);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (known[i]) continue;
      let n = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx,
            yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const j = yy * width + xx;
          if (!known[j]) continue;
          n++;
          r += out[j * 4]!;
          g += out[j * 4 + 1]!;
          b += out[j * 4 + 2]!;
        }
      }
      if (n) filled.set([r / n, g / n, b / n, 255], i * 4);
    }
  }
  return { image: { width, height, data: filled }, restoredShare: masked ? restored / masked : 0 };
}
