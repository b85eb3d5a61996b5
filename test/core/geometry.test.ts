import { describe, expect, it } from "vitest";
import { boxIoU, clampBox, cropImage, padBox, pasteProbabilities, scaleBox } from "../../components/core/geometry.js";
import type { ProbabilityMap } from "../../components/core/types.js";
import { coordinateImage, sourceOf } from "./helpers.js";

describe("padBox", () => {
  it("grows each side by a fraction of the box size and snaps outwards", () => {
    expect(padBox({ x: 10, y: 20, width: 10, height: 20 }, 0.1, { width: 100, height: 100 })).toEqual({
      x: 9,
      y: 18,
      width: 12,
      height: 24,
    });
    expect(padBox({ x: 10.5, y: 20.2, width: 3.2, height: 4 }, 0, { width: 100, height: 100 })).toEqual({
      x: 10,
      y: 20,
      width: 4,
      height: 5,
    });
  });
  it("clamps to the bounds and still contains the original", () => {
    expect(padBox({ x: 2, y: 95, width: 10, height: 10 }, 0.5, { width: 50, height: 100 })).toEqual({
      x: 0,
      y: 90,
      width: 17,
      height: 10,
    });
    expect(padBox({ x: 200, y: 0, width: 10, height: 10 }, 0.1, { width: 50, height: 50 })).toEqual({
      x: 50,
      y: 0,
      width: 0,
      height: 11,
    });
  });
  it("rejects bad fractions and boxes", () => {
    const b = { width: 10, height: 10 };
    expect(() => padBox({ x: 0, y: 0, width: 1, height: 1 }, -0.1, b)).toThrow(
      /fraction must be a finite number ≥ 0, got -0.1/,
    );
    expect(() => padBox({ x: NaN, y: 0, width: 1, height: 1 }, 0.1, b)).toThrow(
      /box.x must be a finite number, got NaN/,
    );
    expect(() => padBox({ x: 0, y: 0, width: -1, height: 1 }, 0.1, b)).toThrow(
      /box size must be non-negative, got -1×1/,
    );
    expect(() => padBox({ x: 0, y: 0, width: 1, height: 1 }, 0.1, { width: 1.5, height: 2 })).toThrow(
      /bounds must have non-negative integer size/,
    );
  });
});

describe("clampBox, scaleBox, boxIoU", () => {
  it("clampBox intersects with the bounds", () => {
    expect(clampBox({ x: -5, y: 2.5, width: 10, height: 100 }, { width: 8, height: 50 })).toEqual({
      x: 0,
      y: 2.5,
      width: 5,
      height: 47.5,
    });
    expect(clampBox({ x: 20, y: 20, width: 5, height: 5 }, { width: 10, height: 10 })).toEqual({
      x: 10,
      y: 10,
      width: 0,
      height: 0,
    });
  });
  it("scaleBox scales each axis", () => {
    expect(scaleBox({ x: 1, y: 2, width: 3, height: 4 }, 2, 0.5)).toEqual({ x: 2, y: 1, width: 6, height: 2 });
    expect(() => scaleBox({ x: 0, y: 0, width: 1, height: 1 }, 0, 1)).toThrow(/sx must be a finite number > 0, got 0/);
  });
  it("boxIoU", () => {
    expect(boxIoU({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 0, width: 2, height: 2 })).toBeCloseTo(2 / 6);
    expect(boxIoU({ x: 0, y: 0, width: 2, height: 2 }, { x: 5, y: 5, width: 2, height: 2 })).toBe(0);
    expect(boxIoU({ x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0, width: 0, height: 0 })).toBe(0);
    expect(boxIoU({ x: 1, y: 1, width: 3, height: 3 }, { x: 1, y: 1, width: 3, height: 3 })).toBe(1);
  });
});

describe("cropImage", () => {
  it("copies the box's pixels", () => {
    const image = coordinateImage(10, 8);
    const crop = cropImage(image, { x: 3, y: 2, width: 4, height: 5 });
    expect([crop.width, crop.height]).toEqual([4, 5]);
    expect(sourceOf(crop, 0, 0)).toEqual({ x: 3, y: 2 });
    expect(sourceOf(crop, 3, 4)).toEqual({ x: 6, y: 6 });
    crop.data[0] = 99;
    expect(image.data[(2 * 10 + 3) * 4]).toBe(3);
  });
  it("rejects boxes outside the image or not on whole pixels", () => {
    const image = coordinateImage(10, 8);
    expect(() => cropImage(image, { x: 8, y: 0, width: 4, height: 1 })).toThrow(
      /box x=8 y=0 width=4 height=1 is not inside the 10×8 image/,
    );
    expect(() => cropImage(image, { x: 0.5, y: 0, width: 4, height: 1 })).toThrow(/box must have integer coordinates/);
  });
});

describe("pasteProbabilities", () => {
  const map = (width: number, height: number, fill: number): ProbabilityMap => ({
    width,
    height,
    data: new Float32Array(width * height).fill(fill),
  });
  it("keeps the maximum where crops overlap", () => {
    const target = map(4, 3, 0);
    pasteProbabilities(target, map(2, 2, 0.5), { x: 1, y: 0, width: 2, height: 2 });
    pasteProbabilities(target, map(2, 2, 0.25), { x: 2, y: 1, width: 2, height: 2 });
    expect(Array.from(target.data)).toEqual([0, 0.5, 0.5, 0, 0, 0.5, 0.5, 0.25, 0, 0, 0.25, 0.25]);
  });
  it("writes only inside the target", () => {
    const target = map(3, 3, 0);
    const crop: ProbabilityMap = { width: 2, height: 2, data: Float32Array.from([0.1, 0.2, 0.3, 0.4]) };
    pasteProbabilities(target, crop, { x: -1, y: 2, width: 2, height: 2 });
    expect(Array.from(target.data).map((v) => +v.toFixed(2))).toEqual([0, 0, 0, 0, 0, 0, 0.2, 0, 0]);
    // A crop entirely outside the target changes nothing (and does not throw).
    const before = Array.from(target.data);
    pasteProbabilities(target, crop, { x: 10, y: 10, width: 2, height: 2 });
    pasteProbabilities(target, crop, { x: -2, y: -2, width: 2, height: 2 });
    expect(Array.from(target.data)).toEqual(before);
  });
  it("requires the box to match the crop", () => {
    expect(() => pasteProbabilities(map(3, 3, 0), map(2, 2, 1), { x: 0, y: 0, width: 3, height: 2 })).toThrow(
      /at is 3×2 but crop is 2×2/,
    );
  });
});
