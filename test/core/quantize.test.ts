// One-byte probabilities keep every pixel on the same side of every threshold the site offers (0.10 to 0.95
// by 0.05, and any multiple of 0.005), including the float32 values closest to those thresholds.
import { describe, expect, it } from "vitest";
import { dequantizeProbabilities, PROBABILITY_LEVELS, quantizeProbabilities } from "../../components/core/quantize.js";
import { randomSource } from "../../components/core/random.js";
import { LIMITS } from "../../components/pipeline/settings.js";

/** The site's threshold steps, as the slider gives them and as a sum would. */
function thresholds(): number[] {
  const [min, max] = LIMITS.segmentationThreshold;
  const out: number[] = [];
  for (let i = 0; min + i * 0.05 <= max + 1e-9; i++) out.push(min + i * 0.05, Number((min + i * 0.05).toFixed(2)));
  for (let k = 1; k <= PROBABILITY_LEVELS; k++) out.push(k / PROBABILITY_LEVELS, k * 0.005);
  return out;
}

/** Random probabilities plus, for every bin edge, the float32 values just below, at and above it. */
function probabilities(): Float32Array {
  const random = randomSource(9);
  const values: number[] = [0, 1, Number.NaN, -0.5, 1.5];
  for (let i = 0; i < 20000; i++) values.push(random() / 2 ** 32);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let k = 1; k < PROBABILITY_LEVELS; k++) {
    f32[0] = k / PROBABILITY_LEVELS;
    const at = u32[0]!;
    for (const bits of [at - 2, at - 1, at, at + 1, at + 2]) {
      u32[0] = bits;
      values.push(f32[0]);
    }
  }
  return new Float32Array(values);
}

describe("quantized probabilities", () => {
  it("put every pixel on the same side of every site threshold as before", () => {
    const data = probabilities();
    const map = { width: data.length, height: 1, data };
    const decoded = dequantizeProbabilities(quantizeProbabilities(map), data.length, 1).data;
    let checked = 0;
    for (const t of thresholds()) {
      for (let i = 0; i < data.length; i++) {
        if (data[i]! >= t !== decoded[i]! >= t)
          expect.fail(`p = ${data[i]} and its code's ${decoded[i]} differ at ${t}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1e6);
  });

  it("keep 0 and 1 exact and stay within half a bin elsewhere", () => {
    const data = new Float32Array([0, 1, 0.3, 0.999, 0.0001]);
    const decoded = dequantizeProbabilities(quantizeProbabilities({ width: 5, height: 1, data }), 5, 1).data;
    expect(decoded[0]).toBe(0);
    expect(decoded[1]).toBe(1);
    for (let i = 2; i < 5; i++)
      expect(Math.abs(decoded[i]! - data[i]!)).toBeLessThanOrEqual(0.5 / PROBABILITY_LEVELS + 1e-7);
  });

  it("refuse codes that do not fit the size or the scale", () => {
    expect(() => dequantizeProbabilities(new Uint8Array(3), 2, 2)).toThrow("3 codes for a 2×2 probability map");
    expect(() => dequantizeProbabilities(new Uint8Array([201]), 1, 1)).toThrow("code 201 at 0 is above 200");
  });
});
