import { describe, expect, it } from "vitest";
import {
  emptyMask,
  intersectMasks,
  maskArea,
  maskBounds,
  maskIoU,
  probabilityInside,
  resizeMaskNearest,
  resizeProbabilities,
  subtractMasks,
  thresholdProbabilities,
  unionMasks,
} from "../../components/core/mask.js";
import type { ProbabilityMap } from "../../components/core/types.js";
import { maskFrom, maskRows } from "./helpers.js";

const probs = (width: number, height: number, values: number[]): ProbabilityMap => ({
  width,
  height,
  data: Float32Array.from(values),
});

describe("thresholdProbabilities", () => {
  it("keeps values at or above the threshold", () => {
    const m = thresholdProbabilities(probs(4, 1, [0.2, 0.5, 0.7, NaN]), 0.5);
    expect(Array.from(m.data)).toEqual([0, 1, 1, 0]);
    expect([m.width, m.height]).toEqual([4, 1]);
  });
  it("rejects a NaN threshold and malformed maps", () => {
    expect(() => thresholdProbabilities(probs(1, 1, [0]), NaN)).toThrow(/threshold must be a number, got NaN/);
    expect(() => thresholdProbabilities(probs(2, 1, [0]), 0.5)).toThrow(/p.data has length 1, expected 2×1 = 2/);
  });
});

describe("set operations", () => {
  const a = maskFrom(["##..", "#..."]);
  const b = maskFrom([".##.", "...#"]);
  it("union, intersection, difference", () => {
    expect(maskRows(unionMasks([a, b]))).toEqual(["###.", "#..#"]);
    expect(maskRows(intersectMasks(a, b))).toEqual([".#..", "...."]);
    expect(maskRows(subtractMasks(a, b))).toEqual(["#...", "#..."]);
  });
  it("union of no masks needs a size", () => {
    expect(maskRows(unionMasks([], 3, 1))).toEqual(["..."]);
    expect(() => unionMasks([])).toThrow(/needs width and height/);
  });
  it("throws on size mismatch with both sizes", () => {
    const c = maskFrom(["###"]);
    expect(() => unionMasks([a, c])).toThrow(/masks\[1\] is 3×1 but masks\[0\] is 4×2/);
    expect(() => unionMasks([a], 5, 5)).toThrow(/masks\[0\] is 4×2 but the requested size is 5×5/);
    expect(() => intersectMasks(a, c)).toThrow(/a is 4×2 but b is 3×1/);
    expect(() => subtractMasks(a, c)).toThrow(RangeError);
  });
});

describe("measures", () => {
  it("maskArea counts set pixels", () => {
    expect(maskArea(maskFrom(["#.#", "###"]))).toBe(5);
    expect(maskArea(emptyMask(3, 3))).toBe(0);
  });
  it("maskIoU", () => {
    expect(maskIoU(maskFrom(["##.."]), maskFrom([".##."]))).toBeCloseTo(1 / 3);
    expect(maskIoU(emptyMask(2, 2), emptyMask(2, 2))).toBe(1);
    expect(maskIoU(emptyMask(1, 1), maskFrom(["#"]))).toBe(0);
  });
  it("maskBounds is the smallest box holding every set pixel, undefined for an empty mask", () => {
    expect(maskBounds(maskFrom(["....", ".#..", "...#", "...."]))).toEqual({ x: 1, y: 1, width: 3, height: 2 });
    expect(maskBounds(maskFrom(["#"]))).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(maskBounds(maskFrom(["...", "..#"]))).toEqual({ x: 2, y: 1, width: 1, height: 1 });
    expect(maskBounds(emptyMask(3, 2))).toBeUndefined();
    expect(maskBounds(emptyMask(0, 0))).toBeUndefined();
  });
  it("probabilityInside averages the map over the mask and counts the share at or above the threshold", () => {
    const map = probs(4, 1, [0.1, 0.4, 0.5, 0.9]);
    const inside = probabilityInside(map, maskFrom([".###"]), 0.5);
    expect(inside.mean).toBeCloseTo((0.4 + 0.5 + 0.9) / 3);
    expect(inside.above).toBeCloseTo(2 / 3);
    expect(probabilityInside(map, maskFrom(["...."]), 0.5)).toEqual({ mean: 0, above: 0 });
    expect(() => probabilityInside(map, maskFrom(["###"]), 0.5)).toThrow(/map is 4×1 but mask is 3×1/);
  });
  it("emptyMask validates its size", () => {
    expect(() => emptyMask(-1, 2)).toThrow(/width must be a non-negative integer, got -1/);
    expect(() => emptyMask(2, 1.5)).toThrow(/height must be a non-negative integer, got 1.5/);
  });
});

describe("resizing", () => {
  it("resizeMaskNearest doubles and halves with aligned centres", () => {
    const m = maskFrom(["#.", ".#"]);
    expect(maskRows(resizeMaskNearest(m, 4, 4))).toEqual(["##..", "##..", "..##", "..##"]);
    expect(maskRows(resizeMaskNearest(maskFrom(["##..", "##..", "..##", "..##"]), 2, 2))).toEqual(["#.", ".#"]);
    expect(() => resizeMaskNearest(emptyMask(0, 0), 2, 2)).toThrow(/cannot resize an empty 0×0 mask/);
  });
  it("resizeProbabilities interpolates bilinearly between pixel centres", () => {
    const out = resizeProbabilities(probs(2, 1, [0, 1]), 4, 1);
    // Output centres 0.5, 1.5, 2.5, 3.5 map to input −0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    expect(Array.from(out.data)).toEqual([0, 0.25, 0.75, 1]);
    const down = resizeProbabilities(probs(4, 1, [0, 1, 1, 0]), 2, 1);
    expect(Array.from(down.data)).toEqual([0.5, 0.5]);
    const same = probs(2, 2, [0.1, 0.2, 0.3, 0.4]);
    expect(resizeProbabilities(same, 2, 2).data).toEqual(same.data);
  });
  it("resizeProbabilities interpolates in 2-D", () => {
    const out = resizeProbabilities(probs(2, 2, [0, 0, 0, 1]), 4, 4);
    expect(out.data[0]).toBe(0);
    expect(out.data[15]).toBe(1);
    expect(out.data[5]).toBeCloseTo(0.0625); // (0.25, 0.25)
    expect(out.data[10]).toBeCloseTo(0.5625); // (0.75, 0.75)
  });
});
