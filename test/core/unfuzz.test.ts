import { describe, expect, it } from "vitest";
import { fuzz } from "../../components/core/fuzz.js";
import { unfuzz } from "../../components/core/unfuzz.js";
import { maskFrom, randomImage, unmaskedEqual } from "./helpers.js";

/** Masked pixels whose RGB equals the original's. */
function exactlyRestored(original: Uint8ClampedArray, restored: Uint8ClampedArray, mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] && [0, 1, 2].every((c) => restored[i * 4 + c] === original[i * 4 + c])) n++;
  }
  return n;
}

describe("unfuzz", () => {
  // A 24×24 person-sized block in a 48×40 photo of random colours (so equal values are rare).
  const rows = Array.from({ length: 40 }, (_, y) =>
    Array.from({ length: 48 }, (_, x) => (x >= 12 && x < 36 && y >= 8 && y < 32 ? "#" : ".")).join(""),
  );
  const mask = maskFrom(rows);
  const image = randomImage(48, 40, 11);
  const masked = 24 * 24;

  it("puts back every hidden pixel whose value was copied somewhere, given the seed", () => {
    const fuzzed = fuzz(image, mask, { radius: 3, seed: 7 });
    const { image: undone, restoredShare } = unfuzz(fuzzed, mask, { radius: 3, seed: 7 });
    // About 1 − 1/e of a large mask's pixels serve as somebody's source.
    expect(restoredShare).toBeGreaterThan(0.5);
    expect(restoredShare).toBeLessThan(0.75);
    expect(exactlyRestored(image.data, undone.data, mask.data)).toBeGreaterThanOrEqual(
      Math.round(restoredShare * masked),
    );
    expect(unmaskedEqual(undone, image, mask)).toBe(true);
  });

  it("restores almost nothing with the wrong seed", () => {
    const fuzzed = fuzz(image, mask, { radius: 3, seed: 7 });
    const wrong = unfuzz(fuzzed, mask, { radius: 3, seed: 8 });
    const right = unfuzz(fuzzed, mask, { radius: 3, seed: 7 });
    expect(exactlyRestored(image.data, wrong.image.data, mask.data)).toBeLessThan(
      exactlyRestored(image.data, right.image.data, mask.data) / 5,
    );
  });

  it("rejects a mask of another size", () => {
    expect(() => unfuzz(image, maskFrom(["#"]), { radius: 1, seed: 1 })).toThrow(/image is 48×40 but mask is 1×1/);
  });
});
