import { describe, expect, it } from "vitest";
import { movingCells } from "../../components/core/motion.js";
import { randomSource } from "../../components/core/random.js";
import type { RgbaImage } from "../../components/core/types.js";

/** A grey 64 × 48 scene with a dark 10 × 20 "walker" whose left edge is at x, and optional noise of ±noise. */
function scene(x: number, noise = 0, seed = 1): RgbaImage {
  const random = randomSource(seed);
  const width = 64;
  const height = 48;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let px = 0; px < width; px++) {
      const i = (y * width + px) * 4;
      const walker = px >= x && px < x + 10 && y >= 20 && y < 40;
      const value = (walker ? 40 : 160) + (noise ? (random() % (2 * noise + 1)) - noise : 0);
      data.set([value, value, value, 255], i);
    }
  }
  return { width, height, data };
}

describe("movingCells", () => {
  it("finds the cells a walker moved through, and nothing in a still scene", () => {
    // 16 px cells, 4 columns: the walker moves from x 10 to x 16, changing columns 10..15 (cell column 0) and
    // 20..25 (cell column 1) in rows 20..39: 6 × 12 of a cell's 256 pixels in cell row 1 (28%), 6 × 8 in row 2 (19%).
    expect(movingCells(scene(10), scene(16), [], { step: 1 })).toEqual([4, 5]);
    expect(movingCells(scene(10), scene(16), [], { step: 1, minShare: 0.15 })).toEqual([4, 5, 8, 9]);
    expect(movingCells(scene(10), scene(10), [])).toEqual([]);
  });

  it("ignores cells that a tracked person's box touches, and changes below the threshold", () => {
    expect(movingCells(scene(10), scene(16), [{ x: 8, y: 18, width: 20, height: 4 }], { step: 1 })).toEqual([]);
    // Noise of ±10 on both frames changes no pixel by more than 24.
    expect(movingCells(scene(10, 10, 1), scene(10, 10, 2), [])).toEqual([]);
  });

  it("counts a cell only when enough of its pixels changed", () => {
    // Moving 1 px changes one column in each of cell columns 0 and 1: 12 of 256 pixels (4.7%) in cell row 1.
    expect(movingCells(scene(10), scene(11), [], { step: 1, minShare: 0.2 })).toEqual([]);
    expect(movingCells(scene(10), scene(11), [], { step: 1, minShare: 0.04 })).toEqual([4, 5]);
  });

  it("rejects frames of different sizes and bad grids", () => {
    const small = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    expect(() => movingCells(scene(0), small, [])).toThrow(/previous is 64×48 but current is 2×2/);
    expect(() => movingCells(scene(0), scene(0), [], { cell: 4, step: 8 })).toThrow(/0 < step ≤ cell/);
  });
});
