import { describe, expect, it } from "vitest";
import { imagesEqual } from "../../components/core/image.js";
import {
  OBFUSCATION_METHOD_IDS,
  OBFUSCATION_METHODS,
  type ObfuscationMethod,
  obfuscate,
} from "../../components/core/obfuscate.js";
import { randomImage, randomMask, unmaskedEqual } from "./helpers.js";

describe("obfuscate", () => {
  const image = randomImage(48, 36, 3);
  const before = new Uint8ClampedArray(image.data);
  const mask = randomMask(48, 36, 0.4, 4);

  it("lists every method with a label and a description", () => {
    expect(Object.keys(OBFUSCATION_METHODS).sort()).toEqual([...OBFUSCATION_METHOD_IDS].sort());
    for (const id of OBFUSCATION_METHOD_IDS) {
      expect(OBFUSCATION_METHODS[id].id).toBe(id);
      expect(OBFUSCATION_METHODS[id].label.length).toBeGreaterThan(0);
      expect(OBFUSCATION_METHODS[id].description.length).toBeGreaterThan(20);
    }
  });

  for (const method of OBFUSCATION_METHOD_IDS) {
    it(`${method}: new image, unmasked pixels identical, masked pixels changed, deterministic`, () => {
      const out = obfuscate(image, mask, { method, radius: 3, seed: 7 });
      expect(out.data).not.toBe(image.data);
      expect(image.data).toEqual(before);
      expect(unmaskedEqual(out, image, mask)).toBe(true);
      expect(imagesEqual(out, image)).toBe(false);
      expect(imagesEqual(out, obfuscate(image, mask, { method, radius: 3, seed: 7 }))).toBe(true);
    });
  }

  it("defaults to fuzz with radius 8 and seed 1", () => {
    expect(imagesEqual(obfuscate(image, mask), obfuscate(image, mask, { method: "fuzz", radius: 8, seed: 1 }))).toBe(
      true,
    );
  });

  it("rejects unknown methods and bad strengths", () => {
    expect(() => obfuscate(image, mask, { method: "smudge" as ObfuscationMethod })).toThrow(
      /method must be one of fuzz, pixelate, blur, fill, background, background-fuzz, got "smudge"/,
    );
    expect(() => obfuscate(image, mask, { method: "toString" as ObfuscationMethod })).toThrow(RangeError);
    expect(() => obfuscate(image, mask, { radius: -1 })).toThrow(/radius must be a non-negative integer, got -1/);
    expect(() => obfuscate(image, mask, { seed: Infinity })).toThrow(/seed must be a finite number/);
  });
});
