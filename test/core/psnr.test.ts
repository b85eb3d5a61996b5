import { describe, expect, it } from "vitest";
import { psnrOutsideMask } from "../../components/core/psnr.js";
import type { RgbaImage } from "../../components/core/types.js";
import { maskFrom, randomImage, randomMask } from "./helpers.js";

const copy = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });

describe("psnrOutsideMask", () => {
  it("matches a brute-force PSNR over the unmasked colour channels", () => {
    const a = randomImage(7, 5, 1);
    const b = randomImage(7, 5, 2);
    const mask = randomMask(7, 5, 0.3);
    let sum = 0;
    let n = 0;
    for (let p = 0; p < 35; p++) {
      if (mask.data[p]) continue;
      for (let c = 0; c < 3; c++) {
        sum += (a.data[p * 4 + c]! - b.data[p * 4 + c]!) ** 2;
        n++;
      }
    }
    expect(psnrOutsideMask(a, b, mask)).toBeCloseTo(10 * Math.log10(255 ** 2 / (sum / n)), 10);
  });

  it("ignores masked pixels and alpha: changes there leave it infinite", () => {
    const a = randomImage(4, 4, 3);
    const b = copy(a);
    const mask = maskFrom(["#...", "#...", "#...", "#..."]);
    b.data[0] = 255 - b.data[0]!; // masked pixel (0, 0)
    for (let p = 0; p < 16; p++) b.data[p * 4 + 3] = 0; // alpha everywhere
    expect(psnrOutsideMask(a, b, mask)).toBe(Number.POSITIVE_INFINITY);
    b.data[4] = b.data[4]! ^ 1; // pixel (1, 0), unmasked, off by one in red
    expect(psnrOutsideMask(a, b, mask)).toBeCloseTo(10 * Math.log10((255 ** 2 * 36) / 1), 10);
  });

  it("refuses images and masks of different sizes", () => {
    expect(() => psnrOutsideMask(randomImage(2, 2), randomImage(2, 3), maskFrom(["..", ".."]))).toThrow(
      /a is 2×2 but b is 2×3/,
    );
    expect(() => psnrOutsideMask(randomImage(2, 2), randomImage(2, 2), maskFrom(["...", "..."]))).toThrow(
      /image is 2×2 but mask is 3×2/,
    );
  });
});
