import { describe, expect, it } from "vitest";
import { nearestSetPixel, squaredDistanceTransform } from "../../components/core/distance.js";
import { growMask } from "../../components/core/grow.js";
import type { Mask } from "../../components/core/types.js";
import { maskFrom, maskRows, randomMask } from "./helpers.js";

function bruteGrow(mask: Mask, r: number): Uint8Array {
  const { width, height, data } = mask;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!data[y * width + x]) continue;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const X = x + dx,
            Y = y + dy;
          if (dx * dx + dy * dy <= r * r && X >= 0 && X < width && Y >= 0 && Y < height) out[Y * width + X] = 1;
        }
      }
    }
  }
  return out;
}

function bruteDistance2(mask: Mask): Float64Array {
  const { width, height, data } = mask;
  const out = new Float64Array(width * height).fill(Infinity);
  for (let i = 0; i < data.length; i++) {
    for (let j = 0; j < data.length; j++) {
      if (!data[j]) continue;
      const dx = (i % width) - (j % width),
        dy = Math.floor(i / width) - Math.floor(j / width);
      out[i] = Math.min(out[i]!, dx * dx + dy * dy);
    }
  }
  return out;
}

describe("growMask", () => {
  it("grows a single pixel into an exact disc of radius 2 (13 pixels)", () => {
    const mask = maskFrom([".......", ".......", ".......", "...#...", ".......", ".......", "......."]);
    expect(maskRows(growMask(mask, 2))).toEqual([
      ".......",
      "...#...",
      "..###..",
      ".#####.",
      "..###..",
      "...#...",
      ".......",
    ]);
  });

  it("radius 0 returns a 0/1 copy", () => {
    const mask: Mask = { width: 3, height: 1, data: Uint8Array.from([0, 7, 1]) };
    const out = growMask(mask, 0);
    expect(Array.from(out.data)).toEqual([0, 1, 1]);
    expect(out.data).not.toBe(mask.data);
  });

  it("clips at the image edges", () => {
    const mask = maskFrom(["#....", ".....", "....."]);
    expect(maskRows(growMask(mask, 2))).toEqual(["###..", "##...", "#...."]);
  });

  it("keeps an empty mask empty", () => {
    const mask = maskFrom([".....", "....."]);
    expect(maskRows(growMask(mask, 5))).toEqual([".....", "....."]);
  });

  it("matches brute-force disc dilation on random masks", () => {
    for (const [w, h, density, r] of [
      [31, 23, 0.02, 3],
      [40, 17, 0.1, 1],
      [25, 25, 0.005, 9],
      [12, 50, 0.05, 30],
      [1, 20, 0.1, 2],
      [20, 1, 0.1, 2],
    ] as const) {
      const mask = randomMask(w, h, density, w * 100 + r);
      expect(growMask(mask, r).data, `${w}×${h} r=${r}`).toEqual(bruteGrow(mask, r));
    }
  });

  it("rejects bad radii", () => {
    const mask = maskFrom(["#"]);
    expect(() => growMask(mask, -1)).toThrow(/pixels must be a non-negative integer, got -1/);
    expect(() => growMask(mask, 1.5)).toThrow(RangeError);
    expect(() => growMask({ width: 2, height: 2, data: new Uint8Array(3) }, 1)).toThrow(
      /mask.data has length 3, expected 2×2 = 4/,
    );
  });
});

describe("distance transforms", () => {
  it("squaredDistanceTransform matches brute force", () => {
    const mask = randomMask(19, 13, 0.04, 77);
    expect(Array.from(squaredDistanceTransform(mask))).toEqual(Array.from(bruteDistance2(mask)));
  });

  it("is Infinity everywhere for an empty mask, and nearestSetPixel is -1", () => {
    const mask = maskFrom(["...", "..."]);
    expect(Array.from(squaredDistanceTransform(mask))).toEqual(new Array(6).fill(Infinity));
    expect(Array.from(nearestSetPixel(mask))).toEqual(new Array(6).fill(-1));
  });

  it("handles columns taller than 16-bit offsets", () => {
    const h = 40000;
    const data = new Uint8Array(2 * h);
    data[2 * 5] = 1; // (0, 5)
    data[2 * (h - 1) + 1] = 1; // (1, h − 1)
    const mask = { width: 2, height: h, data };
    const d2 = squaredDistanceTransform(mask);
    expect(d2[2 * 35000]).toBe(Math.min(34995 ** 2, (h - 1 - 35000) ** 2 + 1));
    expect(d2[2 * 5 + 1]).toBe(1);
    const nearest = nearestSetPixel(mask);
    expect(nearest[2 * 30000]).toBe(2 * (h - 1) + 1);
    expect(nearest[0]).toBe(10);
    expect(Array.from(growMask(mask, 2).data.subarray(0, 16))).toEqual([
      0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0,
    ]);
  });

  it("nearestSetPixel with invert points at zero pixels", () => {
    const mask = maskFrom(["##.", "###", "#.#"]);
    expect(Array.from(nearestSetPixel(mask, true))).toEqual([2, 2, 2, 7, 7, 2, 7, 7, 7]);
  });

  it("nearestSetPixel points at a set pixel at the minimal distance", () => {
    const mask = randomMask(23, 17, 0.03, 5);
    const d2 = bruteDistance2(mask);
    const nearest = nearestSetPixel(mask);
    for (let i = 0; i < nearest.length; i++) {
      const j = nearest[i]!;
      expect(mask.data[j]).toBe(1);
      const dx = (i % 23) - (j % 23),
        dy = Math.floor(i / 23) - Math.floor(j / 23);
      expect(dx * dx + dy * dy).toBe(d2[i]);
    }
  });
});
