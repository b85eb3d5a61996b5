import { describe, expect, it } from "vitest";
import {
  changedPixels,
  colourChangeInside,
  createImage,
  imagesEqual,
  resizeImageArea,
} from "../../components/core/image.js";
import { gray, maskFrom, pixel, randomImage } from "./helpers.js";

describe("createImage", () => {
  it("fills with a colour, default transparent black", () => {
    expect(Array.from(createImage(2, 1).data)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(createImage(1, 2, [1, 2, 3, 4]).data)).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });
  it("rejects bad sizes and colours", () => {
    expect(() => createImage(-1, 1)).toThrow(/width must be a non-negative integer, got -1/);
    expect(() => createImage(1, 1, [0, 0, 256, 0])).toThrow(
      /fill must be \[r, g, b, a\] with integers in \[0, 255\], got \[0,0,256,0\]/,
    );
  });
});

describe("resizeImageArea", () => {
  it("averages whole blocks when shrinking by an integer factor", () => {
    const out = resizeImageArea(gray(4, 2, [0, 100, 200, 255, 10, 30, 40, 41]), 2, 1);
    expect(pixel(out, 0, 0)).toEqual([35, 35, 35, 255]);
    expect(pixel(out, 1, 0)).toEqual([134, 134, 134, 255]); // (200 + 255 + 40 + 41) / 4 = 134
  });
  it("weights partial coverage when shrinking by a fractional factor", () => {
    // 3 → 2: output 0 covers input 0 fully and half of input 1.
    const out = resizeImageArea(gray(3, 1, [0, 90, 180]), 2, 1);
    expect(pixel(out, 0, 0)[0]).toBe(30); // (0 + 45) / 1.5
    expect(pixel(out, 1, 0)[0]).toBe(150); // (45 + 180) / 1.5
  });
  it("matches a direct area integral on a random image", () => {
    const image = randomImage(11, 7, 5);
    const [W, H] = [4, 3];
    const out = resizeImageArea(image, W, H);
    const sx = 11 / W,
      sy = 7 / H;
    const overlap = (a0: number, a1: number, b0: number, b1: number) =>
      Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        for (let c = 0; c < 4; c++) {
          let sum = 0;
          for (let v = 0; v < 7; v++)
            for (let u = 0; u < 11; u++) {
              sum +=
                overlap(x * sx, (x + 1) * sx, u, u + 1) *
                overlap(y * sy, (y + 1) * sy, v, v + 1) *
                image.data[(v * 11 + u) * 4 + c]!;
            }
          expect(Math.abs(out.data[(y * W + x) * 4 + c]! - sum / (sx * sy))).toBeLessThanOrEqual(0.5 + 1e-3);
        }
  });

  it("keeps a constant image constant at any size", () => {
    const image = createImage(37, 23, [12, 34, 56, 255]);
    for (const [w, h] of [
      [10, 7],
      [37, 23],
      [50, 30],
      [1, 1],
    ] as const) {
      const out = resizeImageArea(image, w, h);
      expect(imagesEqual(out, createImage(w, h, [12, 34, 56, 255]))).toBe(true);
    }
  });
  it("interpolates bilinearly when growing and is the identity at the same size", () => {
    const out = resizeImageArea(gray(2, 1, [0, 200]), 4, 1);
    expect([0, 1, 2, 3].map((x) => pixel(out, x, 0)[0])).toEqual([0, 50, 150, 200]);
    const image = randomImage(9, 7);
    expect(imagesEqual(resizeImageArea(image, 9, 7), image)).toBe(true);
  });
  it("rejects bad targets", () => {
    expect(() => resizeImageArea(randomImage(2, 2), 0.5, 1)).toThrow(
      /target width must be a non-negative integer, got 0.5/,
    );
  });
});

describe("imagesEqual and changedPixels", () => {
  it("compare bytes", () => {
    const a = randomImage(5, 5),
      b = { ...a, data: new Uint8ClampedArray(a.data) };
    expect(imagesEqual(a, b)).toBe(true);
    expect(changedPixels(a, b)).toBe(0);
    b.data[3] = b.data[3]! ^ 1; // alpha of pixel 0
    b.data[10] = b.data[10]! ^ 1; // pixel 2
    b.data[11] = b.data[11]! ^ 1; // pixel 2 again
    expect(imagesEqual(a, b)).toBe(false);
    expect(changedPixels(a, b)).toBe(2);
    expect(imagesEqual(a, randomImage(5, 4))).toBe(false);
    expect(() => changedPixels(a, randomImage(5, 4))).toThrow(/a is 5×5 but b is 5×4/);
  });
});

describe("colourChangeInside", () => {
  it("is the mean absolute RGB change over the masked pixels, in [0, 1]; alpha and unmasked pixels do not count", () => {
    const before = gray(3, 1, [0, 100, 200]);
    const after = gray(3, 1, [255, 100, 0]);
    after.data[7] = 0; // pixel 1's alpha: not a colour
    expect(colourChangeInside(before, after, maskFrom(["#.."]))).toBe(1);
    expect(colourChangeInside(before, after, maskFrom([".#."]))).toBe(0);
    expect(colourChangeInside(before, after, maskFrom(["###"]))).toBeCloseTo((255 + 0 + 200) / (3 * 255));
    expect(colourChangeInside(before, after, maskFrom(["..."]))).toBe(0);
  });
  it("needs images and mask of one size", () => {
    expect(() => colourChangeInside(gray(2, 1, [0, 0]), gray(3, 1, [0, 0, 0]), maskFrom(["##"]))).toThrow(
      /image is 3×1 but mask is 2×1/,
    );
  });
});
