import { describe, expect, it } from "vitest";
import { changedShare } from "../../components/core/changed-share.js";
import { randomImage } from "./helpers.js";

describe("changedShare", () => {
  it("counts the pixels of the box whose largest colour difference exceeds the tolerance, ignoring alpha", () => {
    const a = randomImage(10, 8, 1);
    const b = { ...a, data: new Uint8ClampedArray(a.data) };
    const set = (x: number, y: number, channel: number, delta: number) => {
      const i = (y * 10 + x) * 4 + channel;
      b.data[i] = a.data[i]! + (a.data[i]! > 127 ? -delta : delta);
    };
    set(2, 2, 0, 41); // over a tolerance of 40
    set(3, 2, 1, 40); // not over
    set(4, 3, 2, 200);
    set(5, 3, 3, 200); // alpha only: not counted
    set(9, 7, 0, 100); // outside the box
    // Box 1.5..6.2 × 2..4 rounds outwards to x 1..6, y 2..3: 6 × 2 pixels.
    expect(changedShare(a, b, { x: 1.5, y: 2, width: 4.7, height: 2 }, 40)).toBeCloseTo(2 / 12, 12);
    expect(changedShare(a, b, { x: -5, y: -5, width: 100, height: 100 }, 40)).toBeCloseTo(3 / 80, 12);
    expect(changedShare(a, b, { x: 20, y: 0, width: 3, height: 3 }, 40)).toBe(0);
  });

  it("rejects images of different sizes", () => {
    expect(() => changedShare(randomImage(4, 4), randomImage(4, 5), { x: 0, y: 0, width: 1, height: 1 }, 0)).toThrow(
      /a is 4×4 but b is 4×5/,
    );
  });
});
