import { describe, expect, it } from "vitest";
import { imagesEqual } from "../../components/core/image.js";
import { backgroundFill } from "../../components/core/methods/background-fill.js";
import { blur } from "../../components/core/methods/blur.js";
import { fill } from "../../components/core/methods/fill.js";
import { pixelate } from "../../components/core/methods/pixelate.js";
import type { RgbaImage } from "../../components/core/types.js";
import { fullMask, gray, maskFrom, pixel, randomImage, randomMask, unmaskedEqual } from "./helpers.js";

describe("pixelate", () => {
  it("paints masked pixels with the mean of all their block's original pixels", () => {
    const image = gray(4, 2, [0, 10, 100, 101, 20, 31, 102, 103]);
    const mask = maskFrom(["#...", "...#"]);
    const out = pixelate(image, mask, { size: 2 });
    expect(pixel(out, 0, 0)).toEqual([15, 15, 15, 255]); // (0 + 10 + 20 + 31) / 4 = 15.25
    expect(pixel(out, 3, 1)).toEqual([102, 102, 102, 255]); // 101.5 rounds to 102
    expect(pixel(out, 1, 0)).toEqual([10, 10, 10, 255]); // unmasked
  });
  it("averages cut blocks at the border over the pixels they have", () => {
    const out = pixelate(gray(3, 1, [0, 0, 90]), fullMask(3, 1), { size: 2 });
    expect([0, 1, 2].map((x) => pixel(out, x, 0)[0])).toEqual([0, 0, 90]);
  });
  it("size 1 is a copy; leaves unmasked pixels alone; validates size", () => {
    const image = randomImage(20, 15);
    expect(imagesEqual(pixelate(image, fullMask(20, 15), { size: 1 }), image)).toBe(true);
    const mask = randomMask(20, 15, 0.3);
    expect(unmaskedEqual(pixelate(image, mask, { size: 4 }), image, mask)).toBe(true);
    expect(() => pixelate(image, mask, { size: 0 })).toThrow(/size must be an integer in \[1, ∞\), got 0/);
  });
});

describe("blur", () => {
  it("keeps a constant image constant", () => {
    const image = gray(30, 20, new Array(600).fill(77));
    expect(imagesEqual(blur(image, fullMask(30, 20), { radius: 4 }), image)).toBe(true);
  });
  it("matches a reference three-pass box blur at masked pixels and nothing else changes", () => {
    const image = randomImage(25, 19, 4);
    const mask = maskFrom(
      Array.from({ length: 19 }, (_, y) =>
        Array.from({ length: 25 }, (_, x) => (x > 6 && x < 18 && y > 4 && y < 14 ? "#" : ".")).join(""),
      ),
    );
    const out = blur(image, mask, { radius: 2 });
    expect(unmaskedEqual(out, image, mask)).toBe(true);
    const ref = referenceBlur(image, 2, 3);
    for (let i = 0; i < mask.data.length; i++) {
      if (!mask.data[i]) continue;
      expect(Array.from(out.data.subarray(i * 4, i * 4 + 4))).toEqual(Array.from(ref.subarray(i * 4, i * 4 + 4)));
    }
  });
  it("smooths: a masked impulse spreads out", () => {
    const values = new Array(81).fill(0);
    values[40] = 255;
    const out = blur(gray(9, 9, values), fullMask(9, 9), { radius: 1, passes: 1 });
    expect(pixel(out, 4, 4)[0]).toBe(28); // 255 / 9 rounded
    expect(pixel(out, 3, 3)[0]).toBe(28);
    expect(pixel(out, 2, 2)[0]).toBe(0);
  });
  it("radius 0 and empty masks change nothing; validates", () => {
    const image = randomImage(10, 10);
    expect(imagesEqual(blur(image, fullMask(10, 10), { radius: 0 }), image)).toBe(true);
    expect(imagesEqual(blur(image, randomMask(10, 10, 0)), image)).toBe(true);
    expect(() => blur(image, fullMask(10, 10), { radius: -2 })).toThrow(
      /radius must be an integer in \[0, ∞\), got -2/,
    );
  });
});

// Whole-image separable box blur with replicated edges and byte rounding between passes.
function referenceBlur(image: RgbaImage, r: number, passes: number): Uint8ClampedArray {
  const { width: w, height: h } = image;
  let cur = new Uint8ClampedArray(image.data);
  const at = (buf: Uint8ClampedArray, x: number, y: number, c: number) =>
    buf[(Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))) * 4 + c]!;
  for (let p = 0; p < passes; p++) {
    for (const axis of [0, 1]) {
      const next = new Uint8ClampedArray(cur.length);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++)
          for (let c = 0; c < 4; c++) {
            let s = 0;
            for (let k = -r; k <= r; k++) s += axis === 0 ? at(cur, x + k, y, c) : at(cur, x, y + k, c);
            next[(y * w + x) * 4 + c] = Math.floor(s / (2 * r + 1) + 0.5);
          }
      cur = next;
    }
  }
  return cur;
}

describe("fill", () => {
  it("paints masked pixels grey by default, or a given colour", () => {
    const image = randomImage(3, 1);
    const mask = maskFrom(["#.#"]);
    const out = fill(image, mask);
    expect(pixel(out, 0, 0)).toEqual([128, 128, 128, 255]);
    expect(pixel(out, 1, 0)).toEqual(pixel(image, 1, 0));
    expect(pixel(fill(image, mask, { color: [1, 2, 3, 4] }), 2, 0)).toEqual([1, 2, 3, 4]);
    expect(() => fill(image, mask, { color: [1, 2, 3] as unknown as [number, number, number, number] })).toThrow(
      /color must be \[r, g, b, a\]/,
    );
  });
});

describe("backgroundFill", () => {
  // A red person on a blue background.
  const w = 40,
    h = 30;
  const person = maskFrom(
    Array.from({ length: h }, (_, y) =>
      Array.from({ length: w }, (_, x) => ((x - 20) ** 2 + (y - 15) ** 2 < 80 ? "#" : ".")).join(""),
    ),
  );
  const image: RgbaImage = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
  for (let i = 0; i < w * h; i++)
    image.data.set(person.data[i] ? [220, 10, 10, 255] : [10 + (i % 7), 20, 200 + (i % 5), 255], i * 4);

  it("paints the person with background colours only", () => {
    for (const jitter of [0, 3, 12]) {
      const out = backgroundFill(image, person, { jitter, seed: 2 });
      expect(unmaskedEqual(out, image, person)).toBe(true);
      for (let i = 0; i < w * h; i++) {
        if (!person.data[i]) continue;
        const [r, , b] = Array.from(out.data.subarray(i * 4, i * 4 + 4));
        expect(r! < 20 && b! >= 200).toBe(true);
      }
    }
  });
  it("copies the nearest background pixel when jitter is 0", () => {
    const img = gray(5, 1, [10, 99, 99, 99, 50]);
    const out = backgroundFill(img, maskFrom([".###."]), { jitter: 0 });
    expect([0, 1, 2, 3, 4].map((x) => pixel(out, x, 0)[0])).toEqual([10, 10, 10, 50, 50]);
  });
  it("is deterministic in the seed", () => {
    const a = backgroundFill(image, person, { jitter: 6, seed: 1 });
    expect(imagesEqual(a, backgroundFill(image, person, { jitter: 6, seed: 1 }))).toBe(true);
    expect(imagesEqual(a, backgroundFill(image, person, { jitter: 6, seed: 2 }))).toBe(false);
  });
  it("falls back to the mean colour when everything is masked", () => {
    const out = backgroundFill(gray(2, 1, [10, 21]), fullMask(2, 1));
    expect(Array.from(out.data)).toEqual([16, 16, 16, 255, 16, 16, 16, 255]); // 15.5 rounds up
  });
  it("a mask changed in place after a fill is filled as the changed mask, not from a map of its old pixels", () => {
    const changing = { ...person, data: new Uint8Array(person.data) };
    const photo = { ...image, data: new Uint8ClampedArray(image.data) };
    backgroundFill(photo, changing, { jitter: 3, seed: 5 });
    // The person grows by a band on the right (red there too): the old map would copy from under it.
    for (let y = 5; y < 25; y++) {
      for (let x = 29; x < 33; x++) {
        changing.data[y * w + x] = 1;
        photo.data.set([220, 10, 10, 255], (y * w + x) * 4);
      }
    }
    const fresh = backgroundFill(photo, { ...changing, data: new Uint8Array(changing.data) }, { jitter: 3, seed: 5 });
    const again = backgroundFill(photo, changing, { jitter: 3, seed: 5 });
    expect(imagesEqual(again, fresh)).toBe(true);
    for (let i = 0; i < w * h; i++) if (changing.data[i]) expect(again.data[i * 4]).toBeLessThan(20); // no red copied
  });
  it("validates jitter", () => {
    expect(() => backgroundFill(image, person, { jitter: -1 })).toThrow(
      /jitter must be an integer in \[0, 65535\], got -1/,
    );
  });
});
