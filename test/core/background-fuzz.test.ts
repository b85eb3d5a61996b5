import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changedPixels, imagesEqual } from "../../components/core/image.js";
import { backgroundFill } from "../../components/core/methods/background-fill.js";
import { BACKGROUND_FUZZ_ATTEMPTS, backgroundFuzz } from "../../components/core/methods/background-fuzz.js";
import { keyedHash, randomSource } from "../../components/core/random.js";
import type { Mask, RgbaImage } from "../../components/core/types.js";
import { coordinateImage, fullMask, maskFrom, randomImage, randomMask, sourceOf, unmaskedEqual } from "./helpers.js";

/** A filled ellipse mask (a "person") on a w×h image. */
function ellipse(w: number, h: number, cx: number, cy: number, rx: number, ry: number): Mask {
  return maskFrom(
    Array.from({ length: h }, (_, y) =>
      Array.from({ length: w }, (_, x) => (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 ? "#" : ".")).join(""),
    ),
  );
}

/**
 * The definition, written plainly: depth by brute force over every background pixel, the same draws, and
 * for a pixel whose draws all miss, the set of background pixels nearest the last draw.
 */
function reference(mask: Mask, radius: number, seed: number) {
  const { width: w, height: h, data: m } = mask;
  const random = randomSource(seed);
  const k1 = random() | 0,
    k2 = random() | 0;
  const background: Array<[number, number]> = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (!m[y * w + x]) background.push([x, y]);
  const expected = new Map<number, { exact?: [number, number]; nearestTo?: [number, number] }>();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!m[i]) continue;
      const depth = Math.ceil(Math.min(...background.map(([bx, by]) => Math.hypot(bx - x, by - y))));
      const reach = Math.max(radius, 2 * depth);
      let last: [number, number] = [x, y];
      let exact: [number, number] | undefined;
      for (let a = 0; a < BACKGROUND_FUZZ_ATTEMPTS && !exact; a++) {
        const t = keyedHash(i * BACKGROUND_FUZZ_ATTEMPTS + a, k1, k2);
        const dy = Math.floor(((t >>> 16) * (2 * reach + 1)) / 65536) - reach;
        const dx = Math.floor(((t & 0xffff) * (2 * reach + 1)) / 65536) - reach;
        last = [Math.min(w - 1, Math.max(0, x + dx)), Math.min(h - 1, Math.max(0, y + dy))];
        if (!m[last[1] * w + last[0]]) exact = last;
      }
      expected.set(i, exact ? { exact } : { nearestTo: last });
    }
  }
  return { expected, background };
}

describe("backgroundFuzz", () => {
  it("matches the brute-force reference on every hidden pixel", () => {
    for (const [w, h, r, seed, mask, inside] of [
      [40, 30, 3, 1, ellipse(40, 30, 20, 15, 9, 12), true],
      [33, 21, 0, 7, ellipse(33, 21, 10, 10, 8, 9), true],
      [25, 25, 5, 3, randomMask(25, 25, 0.7, 5), false],
      [12, 40, 2, 9, ellipse(12, 40, 6, 20, 7, 30), false], // wider than the image: squares pile on the border
    ] as const) {
      const image = coordinateImage(w, h);
      const out = backgroundFuzz(image, mask, { radius: r, seed });
      const { expected, background } = reference(mask, r, seed);
      let fallbacks = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const s = sourceOf(out, x, y);
          const want = expected.get(y * w + x);
          if (!want) {
            expect(s).toEqual({ x, y });
            continue;
          }
          expect(mask.data[s.y * w + s.x], `source of ${x},${y} is background`).toBe(0);
          if (want.exact) expect(s, `pixel ${x},${y}`).toEqual({ x: want.exact[0], y: want.exact[1] });
          else {
            fallbacks++;
            const [qx, qy] = want.nearestTo!;
            const best = Math.min(...background.map(([bx, by]) => Math.hypot(bx - qx, by - qy)));
            expect(Math.hypot(s.x - qx, s.y - qy), `pixel ${x},${y} falls back to the nearest background`).toBe(best);
          }
        }
      }
      // Around a convex person inside the photo the widened square reaches the background: draws rarely all miss.
      if (inside) expect(fallbacks, `${w}×${h}`).toBeLessThan(0.02 * expected.size + 1);
    }
  });

  it("never copies a masked colour: a red person on a blue street leaves no red", () => {
    const w = 60,
      h = 50;
    const person = ellipse(w, h, 30, 25, 10, 20);
    const data = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) data.set(person.data[i] ? [220, 20, 20, 255] : [20, 40, 200, 255], i * 4);
    const out = backgroundFuzz({ width: w, height: h, data }, person, { radius: 4, seed: 2 });
    for (let i = 0; i < w * h; i++) expect(Array.from(out.data.subarray(i * 4, i * 4 + 4))).toEqual([20, 40, 200, 255]);
  });

  it("is static, not a smear: neighbouring hidden pixels come from scattered sources", () => {
    const w = 80,
      h = 80;
    const mask = ellipse(w, h, 40, 40, 12, 25);
    const out = backgroundFuzz(coordinateImage(w, h), mask, { radius: 8, seed: 4 });
    let pairs = 0,
      same = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x + 1 < w; x++)
        if (mask.data[y * w + x] && mask.data[y * w + x + 1]) {
          pairs++;
          const a = sourceOf(out, x, y),
            b = sourceOf(out, x + 1, y);
          if (a.x === b.x + 1 || (a.x === b.x && a.y === b.y)) same++;
        }
    expect(same / pairs).toBeLessThan(0.1);
  });

  it("changes only masked pixels, is deterministic in the seed, and pins its output", () => {
    const image = randomImage(64, 48, 6);
    const before = new Uint8ClampedArray(image.data);
    const mask = ellipse(64, 48, 30, 24, 14, 20);
    const out = backgroundFuzz(image, mask, { radius: 4, seed: 11 });
    expect(image.data).toEqual(before);
    expect(unmaskedEqual(out, image, mask)).toBe(true);
    expect(changedPixels(out, image)).toBeGreaterThan(0);
    expect(imagesEqual(out, backgroundFuzz(image, mask, { radius: 4, seed: 11 }))).toBe(true);
    expect(imagesEqual(out, backgroundFuzz(image, mask, { radius: 4, seed: 12 }))).toBe(false);
    // Golden output: a change to the sampling changes this digest (update it only on purpose).
    expect(createHash("sha256").update(out.data).digest("hex")).toBe(
      "2d65c08dc6efff1ea7435abf870ad5bfd44e63afc2d06bd2f84b57f15b12c2e9",
    );
  });

  it("empty mask is a copy; an all-masked image becomes its mean colour, as background fill", () => {
    const image = randomImage(20, 10);
    expect(imagesEqual(backgroundFuzz(image, randomMask(20, 10, 0)), image)).toBe(true);
    expect(imagesEqual(backgroundFuzz(image, fullMask(20, 10)), backgroundFill(image, fullMask(20, 10)))).toBe(true);
  });

  it("works on unaligned image data and rejects bad arguments precisely", () => {
    const image = randomImage(8, 8);
    const backing = new Uint8ClampedArray(8 * 8 * 4 + 1);
    backing.set(image.data, 1);
    const odd: RgbaImage = { width: 8, height: 8, data: backing.subarray(1) };
    const mask = randomMask(8, 8, 0.5);
    expect(imagesEqual(backgroundFuzz(odd, mask, { radius: 2 }), backgroundFuzz(image, mask, { radius: 2 }))).toBe(
      true,
    );
    expect(() => backgroundFuzz(image, mask, { radius: -1 })).toThrow(
      /radius must be an integer in \[0, 1024\], got -1/,
    );
    expect(() => backgroundFuzz(image, fullMask(8, 9))).toThrow(/image is 8×8 but mask is 8×9/);
    expect(() => backgroundFuzz(image, mask, { seed: Number.NaN })).toThrow(/seed must be finite/);
  });
});
