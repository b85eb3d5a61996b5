// The mask outline the overlays draw (views/paint.ts): pixel-exact, for the whole mask or a crop of it.
import { describe, expect, it } from "vitest";
import { outline } from "../../components/views/paint.js";
import { maskFrom } from "./helpers.js";

/** The x and y extent of the points of an SVG path. */
function extent(path: string): [number, number, number, number] {
  const points = [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map(([, x, y]) => [Number(x), Number(y)] as const);
  const xs = points.map(([x]) => x),
    ys = points.map(([, y]) => y);
  return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
}

describe("outline", () => {
  const mask = maskFrom(["......", "..##..", "..###.", "......"]);

  it("follows the set pixels' edges, in the mask's pixel coordinates", () => {
    expect(extent(outline(mask))).toEqual([2, 5, 1, 3]);
  });

  it("of a crop, in the crop's coordinates", () => {
    expect(extent(outline(mask, { x: 1, y: 1, width: 4, height: 2 }))).toEqual([1, 4, 0, 2]);
  });

  it("is empty for an empty mask", () => {
    expect(outline(maskFrom(["...", "..."]))).toBe("");
  });
});
