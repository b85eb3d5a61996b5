import { describe, expect, it } from "vitest";
import { fuzz, fuzzInto } from "../../components/core/fuzz.js";
import { changedPixels, imagesEqual } from "../../components/core/image.js";
import type { RgbaImage } from "../../components/core/types.js";
import {
  coordinateImage,
  fullMask,
  maskFrom,
  pixel,
  randomImage,
  randomMask,
  sourceOf,
  unmaskedEqual,
} from "./helpers.js";

describe("fuzz", () => {
  it("changes only masked pixels and returns a new image", () => {
    const image = randomImage(64, 48);
    const before = new Uint8ClampedArray(image.data);
    const mask = randomMask(64, 48, 0.3);
    const out = fuzz(image, mask, { radius: 4, seed: 3 });
    expect(out.data).not.toBe(image.data);
    expect(image.data).toEqual(before);
    expect(unmaskedEqual(out, image, mask)).toBe(true);
    expect(changedPixels(out, image)).toBeGreaterThan(0);
  });

  it("copies every masked pixel from within r in both axes, clamped to the image", () => {
    for (const [w, h, r] of [
      [23, 17, 3],
      [9, 31, 5],
      [6, 5, 8],
    ] as const) {
      const image = coordinateImage(w, h);
      const mask = randomMask(w, h, 0.6, w);
      const out = fuzz(image, mask, { radius: r, seed: w * h });
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const s = sourceOf(out, x, y);
          if (!mask.data[y * w + x]) expect(s).toEqual({ x, y });
          else {
            expect(s.x >= 0 && s.x < w && s.y >= 0 && s.y < h).toBe(true);
            expect(Math.abs(s.x - x)).toBeLessThanOrEqual(r);
            expect(Math.abs(s.y - y)).toBeLessThanOrEqual(r);
          }
        }
      }
    }
  });

  it("finds each replacement in the original window (exhaustive search on random colours)", () => {
    const w = 20,
      h = 14,
      r = 2;
    const image = randomImage(w, h, 9);
    const mask = randomMask(w, h, 0.5, 10);
    const out = fuzz(image, mask, { radius: r, seed: 5 });
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (!mask.data[y * w + x]) continue;
        const value = pixel(out, x, y).join();
        let found = false;
        for (let sy = Math.max(0, y - r); sy <= Math.min(h - 1, y + r) && !found; sy++) {
          for (let sx = Math.max(0, x - r); sx <= Math.min(w - 1, x + r) && !found; sx++)
            found = pixel(image, sx, sy).join() === value;
        }
        expect(found, `pixel ${x},${y}`).toBe(true);
      }
    }
  });

  it("reads sources from the original, not from already fuzzed pixels", () => {
    // A fully masked coordinate image: any chained read would show up as a source beyond r.
    const image = coordinateImage(40, 40);
    const out = fuzz(image, fullMask(40, 40), { radius: 1, seed: 2 });
    for (let y = 0; y < 40; y++) {
      for (let x = 0; x < 40; x++) {
        const s = sourceOf(out, x, y);
        expect(Math.max(Math.abs(s.x - x), Math.abs(s.y - y))).toBeLessThanOrEqual(1);
      }
    }
  });

  it("is deterministic in the seed", () => {
    const image = randomImage(50, 40);
    const mask = randomMask(50, 40, 0.5);
    expect(imagesEqual(fuzz(image, mask, { seed: 4 }), fuzz(image, mask, { seed: 4 }))).toBe(true);
    expect(imagesEqual(fuzz(image, mask, { seed: 4 }), fuzz(image, mask, { seed: 5 }))).toBe(false);
  });

  it("radius 0 changes nothing", () => {
    const image = randomImage(30, 20);
    expect(imagesEqual(fuzz(image, fullMask(30, 20), { radius: 0 }), image)).toBe(true);
  });

  it("an empty mask changes nothing", () => {
    const image = randomImage(30, 20);
    expect(imagesEqual(fuzz(image, maskFrom(Array(20).fill(".".repeat(30))), { radius: 5 }), image)).toBe(true);
  });

  it("keeps a fully masked constant image constant", () => {
    const data = new Uint8ClampedArray(32 * 32 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([10, 200, 30, 255], i);
    const image: RgbaImage = { width: 32, height: 32, data };
    expect(imagesEqual(fuzz(image, fullMask(32, 32), { radius: 6 }), image)).toBe(true);
  });

  it("clamps at the corner: draws stay inside and pile up on the border pixels", () => {
    const w = 10,
      h = 10,
      r = 3;
    const image = coordinateImage(w, h);
    const mask = maskFrom([`#${".".repeat(w - 1)}`, ...Array(h - 1).fill(".".repeat(w))]);
    const counts = new Map<string, number>();
    const runs = 4900;
    for (let seed = 0; seed < runs; seed++) {
      const s = sourceOf(fuzz(image, mask, { radius: r, seed }), 0, 0);
      expect(s.x >= 0 && s.x <= r && s.y >= 0 && s.y <= r).toBe(true);
      counts.set(`${s.x},${s.y}`, (counts.get(`${s.x},${s.y}`) ?? 0) + 1);
    }
    // (0, 0) absorbs the 4×4 offsets that land at or beyond both edges: 16/49; (1, 1) only 1/49.
    expect(counts.get("0,0")! / runs).toBeGreaterThan(0.25);
    expect(counts.get("0,0")! / runs).toBeLessThan(0.4);
    expect(counts.get("1,1")! / runs).toBeLessThan(0.05);
    expect(counts.size).toBe(16);
  });

  it("draws all (2r+1)² offsets about equally often (chi-square)", () => {
    const w = 300,
      h = 300,
      r = 1;
    const image = coordinateImage(w, h);
    const out = fuzz(image, fullMask(w, h), { radius: r, seed: 11 });
    const counts = new Array<number>(9).fill(0);
    let n = 0;
    for (let y = r; y < h - r; y++) {
      for (let x = r; x < w - r; x++) {
        const s = sourceOf(out, x, y);
        counts[(s.y - y + r) * 3 + (s.x - x + r)]!++;
        n++;
      }
    }
    const expected = n / 9;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 8 degrees of freedom: p = 0.001 at 26.1.
    expect(chi2).toBeLessThan(26.1);
  });

  it("uses the whole window at a large radius", () => {
    const w = 200,
      h = 200,
      r = 20;
    const out = fuzz(coordinateImage(w, h), fullMask(w, h), { radius: r, seed: 3 });
    const dx = new Set<number>(),
      dy = new Set<number>();
    for (let y = r; y < h - r; y++) {
      for (let x = r; x < w - r; x++) {
        const s = sourceOf(out, x, y);
        dx.add(s.x - x);
        dy.add(s.y - y);
      }
    }
    expect(dx.size).toBe(2 * r + 1);
    expect(dy.size).toBe(2 * r + 1);
  });

  it("handles a radius larger than the image", () => {
    const image = coordinateImage(3, 2);
    const out = fuzz(image, fullMask(3, 2), { radius: 50, seed: 1 });
    for (let y = 0; y < 2; y++)
      for (let x = 0; x < 3; x++) {
        const s = sourceOf(out, x, y);
        expect(s.x >= 0 && s.x < 3 && s.y >= 0 && s.y < 2).toBe(true);
      }
  });

  it("fuzzInto writes only masked pixels of out and matches fuzz", () => {
    const image = randomImage(20, 20);
    const mask = randomMask(20, 20, 0.4);
    const out: RgbaImage = { width: 20, height: 20, data: new Uint8ClampedArray(20 * 20 * 4) };
    fuzzInto(image, mask, out, { radius: 3, seed: 8 });
    const expected = fuzz(image, mask, { radius: 3, seed: 8 });
    for (let i = 0; i < 400; i++) {
      const want = mask.data[i] ? Array.from(expected.data.subarray(i * 4, i * 4 + 4)) : [0, 0, 0, 0];
      expect(Array.from(out.data.subarray(i * 4, i * 4 + 4))).toEqual(want);
    }
  });

  it("works on an image whose data is not 4-byte aligned", () => {
    const image = randomImage(8, 8);
    const backing = new Uint8ClampedArray(8 * 8 * 4 + 1);
    backing.set(image.data, 1);
    const odd: RgbaImage = { width: 8, height: 8, data: backing.subarray(1) };
    const mask = randomMask(8, 8, 0.5);
    expect(imagesEqual(fuzz(odd, mask, { radius: 2, seed: 1 }), fuzz(image, mask, { radius: 2, seed: 1 }))).toBe(true);
  });

  it("rejects bad arguments precisely", () => {
    const image = randomImage(4, 4);
    const mask = fullMask(4, 4);
    expect(() => fuzz(image, mask, { radius: -1 })).toThrow(/radius must be an integer in \[0, 1024\], got -1/);
    expect(() => fuzz(image, mask, { radius: 1.5 })).toThrow(RangeError);
    expect(() => fuzz(image, fullMask(4, 5))).toThrow(/image is 4×4 but mask is 4×5/);
    expect(() => fuzz(image, mask, { seed: NaN })).toThrow(/seed must be finite/);
    expect(() => fuzzInto(image, mask, image)).toThrow(/must not share memory/);
    expect(() => fuzz({ width: 4, height: 4, data: new Uint8ClampedArray(10) }, mask)).toThrow(
      /image.data has length 10, expected 4×4×4 = 64/,
    );
  });
});
