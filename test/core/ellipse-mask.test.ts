import { describe, expect, it } from "vitest";
import { fillEllipse } from "../../components/core/ellipse-mask.js";
import { randomBelow, randomSource } from "../../components/core/random.js";
import type { Mask } from "../../components/core/types.js";

describe("fillEllipse", () => {
  it("sets exactly the pixels whose centre is inside the ellipse inscribed in the box (brute force, 300 boxes)", () => {
    const random = randomSource(8);
    for (let trial = 0; trial < 300; trial++) {
      const width = 5 + randomBelow(random, 30);
      const height = 5 + randomBelow(random, 30);
      const box = {
        x: randomBelow(random, 400) / 10 - 8,
        y: randomBelow(random, 400) / 10 - 8,
        width: randomBelow(random, 300) / 10,
        height: randomBelow(random, 300) / 10,
      };
      const mask: Mask = { width, height, data: new Uint8Array(width * height) };
      mask.data[0] = 1; // set pixels stay set
      fillEllipse(mask, box);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const dx = (x + 0.5 - (box.x + box.width / 2)) / (box.width / 2);
          const dy = (y + 0.5 - (box.y + box.height / 2)) / (box.height / 2);
          const inside = box.width > 0 && box.height > 0 && dx * dx + dy * dy <= 1 + 1e-9;
          const expected = inside || (x === 0 && y === 0) ? 1 : 0;
          // Pixels right on the ellipse may round either way.
          if (Math.abs(dx * dx + dy * dy - 1) > 1e-6)
            expect(mask.data[y * width + x], `trial ${trial} at ${x},${y}`).toBe(expected);
        }
      }
    }
  });
});
