import { describe, expect, it } from "vitest";
import { boxShareOn, checkScene, KEPT_SCORE, OBJECT_SCORE } from "../../components/core/scene-objects.js";
import type { Box, Detection } from "../../components/core/types.js";
import { maskFrom, randomMask } from "./helpers.js";

const det = (label: string, score: number, x: number, y = 0, width = 10, height = 10): Detection => ({
  label,
  score,
  box: { x, y, width, height },
});

describe("boxShareOn", () => {
  it("counts the set pixels a box touches, clamped to the mask (brute force)", () => {
    const mask = randomMask(17, 13, 0.3, 8);
    for (const box of [
      { x: 2, y: 3, width: 5, height: 4 },
      { x: -3.5, y: 10.2, width: 9, height: 9 },
      { x: 0, y: 0, width: 17, height: 13 },
      { x: 30, y: 0, width: 4, height: 4 },
    ] as Box[]) {
      let set = 0,
        n = 0;
      for (let y = 0; y < 13; y++)
        for (let x = 0; x < 17; x++)
          if (x + 1 > box.x && x < box.x + box.width && y + 1 > box.y && y < box.y + box.height) {
            n++;
            set += mask.data[y * 17 + x]!;
          }
      expect(boxShareOn(mask, box), JSON.stringify(box)).toBeCloseTo(n ? set / n : 0, 12);
    }
  });
});

describe("checkScene", () => {
  const people = maskFrom(["#####.........................", ...Array(29).fill(".".repeat(30))]);
  it("keeps an object found again at the lower score, same class, overlapping enough", () => {
    const before = [det("car", 0.8, 10), det("bicycle", 0.6, 0), det("person", 0.9, 0), det("bag", 0.45, 20)];
    const after = [det("car", KEPT_SCORE, 11), det("bicycle", 0.9, 6), det("person", 0.9, 0)];
    const { objects, painted } = checkScene(before, after, people);
    // People and objects under OBJECT_SCORE are not counted; highest score first.
    expect(objects.map((o) => [o.object.label, o.kept])).toEqual([
      ["car", true],
      ["bicycle", false], // IoU 4×10 / 16×10 = 0.25
    ]);
    expect(objects[1]!.onPerson).toBeCloseTo(5 / 100, 12);
    expect(objects[0]!.onPerson).toBe(0);
    expect(painted.map((d) => d.label)).toEqual(["bicycle"]); // the shifted bicycle is new where it is
  });

  it("does not keep a different class, nor one just under the lower score", () => {
    const before = [det("car", 0.9, 0)];
    expect(checkScene(before, [det("truck", 0.9, 0)], people).objects[0]!.kept).toBe(false);
    expect(checkScene(before, [det("car", KEPT_SCORE - 0.01, 0)], people).objects[0]!.kept).toBe(false);
  });

  it("counts as painted in only what is confident after and absent before at the lower score", () => {
    const before = [det("dog", 0.35, 0)];
    const after = [
      det("dog", 0.9, 0),
      det("cat", OBJECT_SCORE - 0.01, 0),
      det("kite", OBJECT_SCORE, 15),
      det("person", 0.99, 15),
    ];
    expect(checkScene(before, after, people).painted.map((d) => d.label)).toEqual(["kite"]);
  });
});
