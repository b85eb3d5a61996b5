import { describe, expect, it } from "vitest";
import { frameSeed, randomBelow, randomSource, randomUnit } from "../../components/core/random.js";

describe("randomSource", () => {
  it("reproduces a sequence from its seed", () => {
    const a = randomSource(42),
      b = randomSource(42);
    const xs = Array.from({ length: 100 }, a),
      ys = Array.from({ length: 100 }, b);
    expect(xs).toEqual(ys);
  });

  it("gives different sequences for nearby and fractional seeds", () => {
    const first = (seed: number) => Array.from({ length: 4 }, randomSource(seed)).join();
    const seen = new Set([0, 1, 2, -1, 0.5, 2 ** 32, 2 ** 32 + 1, 1e300].map(first));
    expect(seen.size).toBe(8);
  });

  it("returns uint32 values with roughly balanced bits", () => {
    const random = randomSource(7);
    const ones = new Array<number>(32).fill(0);
    const n = 20000;
    for (let k = 0; k < n; k++) {
      const u = random();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      for (let b = 0; b < 32; b++) ones[b]! += (u >>> b) & 1;
    }
    for (const c of ones) expect(Math.abs(c / n - 0.5)).toBeLessThan(0.02);
  });

  it("rejects non-finite and non-number seeds", () => {
    expect(() => randomSource(NaN)).toThrow(/seed must be finite, got NaN/);
    expect(() => randomSource(Infinity)).toThrow(RangeError);
    expect(() => randomSource("1" as unknown as number)).toThrow(TypeError);
  });

  it("treats -0 like 0", () => {
    expect(randomSource(-0)()).toBe(randomSource(0)());
  });
});

describe("randomBelow and randomUnit", () => {
  it("stay in range", () => {
    const random = randomSource(3);
    for (let k = 0; k < 1000; k++) {
      const v = randomBelow(random, 7);
      expect(v >= 0 && v < 7 && Number.isInteger(v)).toBe(true);
      const u = randomUnit(random);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it("reject bad bounds", () => {
    expect(() => randomBelow(randomSource(1), 0)).toThrow(/n must be an integer in \[1, 2\^32\], got 0/);
    expect(() => randomBelow(randomSource(1), 1.5)).toThrow(RangeError);
  });
});

describe("frameSeed", () => {
  it("gives every frame of a video its own seed, repeatable from the video's seed", () => {
    const seeds = Array.from({ length: 20000 }, (_, i) => frameSeed(123456789, i));
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const s of seeds) expect(Number.isSafeInteger(s) && s >= 0).toBe(true);
    expect(Array.from({ length: 5 }, (_, i) => frameSeed(123456789, i))).toEqual(seeds.slice(0, 5));
    expect(frameSeed(123456790, 0)).not.toBe(seeds[0]);
    // Frame seeds are not the video's seed plus the index: nearby seeds give unrelated frame seeds.
    expect(frameSeed(1, 1)).not.toBe(frameSeed(2, 0));
  });

  it("rejects a bad index", () => {
    expect(() => frameSeed(1, -1)).toThrow(/index must be an integer/);
    expect(() => frameSeed(1, 1.5)).toThrow(/index must be an integer/);
  });
});
