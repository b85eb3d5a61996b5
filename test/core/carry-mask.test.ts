import { describe, expect, it } from "vitest";
import { carryMask, cropMask } from "../../components/core/carry-mask.js";
import { randomBelow, randomSource } from "../../components/core/random.js";
import type { Mask } from "../../components/core/types.js";
import { randomMask } from "./helpers.js";

/** By definition: a target pixel is set when some crop pixel, at some placement along the path, lies within the margin. */
function reference(
  width: number,
  height: number,
  crop: Mask,
  at: { x: number; y: number },
  from: { x: number; y: number },
  dx: number,
  dy: number,
  margin: number,
): Uint8Array {
  const out = new Uint8Array(width * height);
  const steps = Math.max(Math.abs(dx), Math.abs(dy));
  const m = Math.ceil(margin);
  for (let s = 0; s <= steps; s++) {
    const ox = at.x + from.x + (steps ? Math.round((dx * s) / steps) : 0);
    const oy = at.y + from.y + (steps ? Math.round((dy * s) / steps) : 0);
    for (let cy = 0; cy < crop.height; cy++) {
      for (let cx = 0; cx < crop.width; cx++) {
        if (!crop.data[cy * crop.width + cx]) continue;
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const ddx = x - (ox + cx);
            const ddy = y - (oy + cy);
            if (ddx * ddx + ddy * ddy <= m * m) out[y * width + x] = 1;
          }
        }
      }
    }
  }
  return out;
}

describe("cropMask and carryMask", () => {
  it("cuts the part of a mask inside a box, rounding outwards and clipping to the mask", () => {
    const mask = randomMask(20, 10, 0.5, 4);
    const { mask: crop, at } = cropMask(mask, { x: 15.5, y: -3, width: 10, height: 5.2 });
    expect(at).toEqual({ x: 15, y: 0 });
    expect([crop.width, crop.height]).toEqual([5, 3]);
    for (let y = 0; y < 3; y++) {
      for (let x = 0; x < 5; x++) expect(crop.data[y * 5 + x]).toBe(mask.data[y * 20 + 15 + x]);
    }
    expect(cropMask(mask, { x: 30, y: 2, width: 4, height: 4 }).mask.data.length).toBe(0);
  });

  it("equals the definition (every placement along the path, grown by a disc) on 200 random cases", () => {
    const random = randomSource(5);
    for (let trial = 0; trial < 200; trial++) {
      const width = 10 + randomBelow(random, 20);
      const height = 10 + randomBelow(random, 20);
      const crop = randomMask(1 + randomBelow(random, 6), 1 + randomBelow(random, 6), 0.4, trial);
      const at = { x: randomBelow(random, width + 6) - 3, y: randomBelow(random, height + 6) - 3 };
      const from = { x: randomBelow(random, 9) - 4, y: randomBelow(random, 9) - 4 };
      const dx = randomBelow(random, 17) - 8;
      const dy = randomBelow(random, 17) - 8;
      const margin = randomBelow(random, 8) / 2;
      const target = { width, height, data: new Uint8Array(width * height) };
      carryMask(target, { mask: crop, at }, from, { x: from.x + dx, y: from.y + dy }, margin);
      expect(target.data).toEqual(reference(width, height, crop, at, from, dx, dy, margin));
    }
  });

  it("only sets pixels, never clears them, and rejects a non-finite offset or a negative margin", () => {
    const target = randomMask(12, 12, 0.3, 9);
    const before = new Uint8Array(target.data);
    const other = cropMask(randomMask(12, 12, 0.2, 10), { x: 2, y: 2, width: 5, height: 5 });
    carryMask(target, other, { x: 0, y: 0 }, { x: 3, y: -2 }, 1);
    for (let i = 0; i < before.length; i++) if (before[i]) expect(target.data[i]).toBe(1);
    const crop = cropMask(target, { x: 0, y: 0, width: 3, height: 3 });
    const zero = { x: 0, y: 0 };
    expect(() => carryMask(target, crop, zero, { x: Number.NaN, y: 0 }, 1)).toThrow(/offsets must be finite/);
    expect(() => carryMask(target, crop, zero, zero, -1)).toThrow(/margin must be a number ≥ 0/);
  });
});
