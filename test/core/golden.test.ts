// Pinned outputs: a seed must reproduce a result byte for byte, across versions (the CLI's report promises
// it, and a result's owner may need to re-create it). Each test holds a small fixture made from arithmetic
// alone (no random source, so a change to the generator cannot hide in the fixture) and the exact expected
// values, or the SHA-256 of the output bytes. A change to the random source, the fuzz kernel's hash or
// background fill's jitter fails here even when every property test still passes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fuzz } from "../../components/core/fuzz.js";
import { backgroundFill } from "../../components/core/methods/background-fill.js";
import { randomSource } from "../../components/core/random.js";
import type { Mask, RgbaImage } from "../../components/core/types.js";
import { coordinateImage, maskFrom, sourceOf } from "./helpers.js";

const sha256 = (data: Uint8ClampedArray) => createHash("sha256").update(data).digest("hex");

// 24×18, every pixel a different colour; the mask is an ellipse plus a scattered diagonal (148 pixels).
const W = 24,
  H = 18;
const image: RgbaImage = { width: W, height: H, data: new Uint8ClampedArray(W * H * 4) };
const mask: Mask = { width: W, height: H, data: new Uint8Array(W * H) };
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    image.data.set([(x * 37 + y * 11) & 255, (x * 5 + y * 71) & 255, (x * y * 13 + 7) & 255, 255], (y * W + x) * 4);
    const dx = (x - 11.5) / 7,
      dy = (y - 9) / 6;
    mask.data[y * W + x] = dx * dx + dy * dy <= 1 || (x + 3 * y) % 17 === 0 ? 1 : 0;
  }
}

/** Where each pixel's value came from, "xy" per masked pixel and "--" elsewhere, row by row. */
function sources(out: RgbaImage, m: Mask): string[] {
  return Array.from({ length: out.height }, (_, y) =>
    Array.from({ length: out.width }, (_, x) => {
      const s = sourceOf(out, x, y);
      return m.data[y * out.width + x] ? `${s.x}${s.y}` : "--";
    }).join(" "),
  );
}

describe("golden outputs", () => {
  it("the fixture is the one the hashes were taken on", () => {
    expect(sha256(image.data)).toBe("caeb09b78a2e37983beadaf39198d50d3e3db5d16517f9d6d160308ed9686f49");
    expect(mask.data.reduce((n, v) => n + v, 0)).toBe(148);
  });

  it("randomSource: the first values for integer, negative, fractional and large seeds", () => {
    const first = (seed: number) => Array.from({ length: 6 }, randomSource(seed));
    expect(first(1)).toEqual([2268177107, 1029779077, 559956360, 1789743989, 393075590, 839315448]);
    expect(first(42)).toEqual([3351800679, 3764726773, 2344410684, 1939261826, 1178887713, 2678009897]);
    expect(first(-1)).toEqual([296978753, 1332518279, 2208097694, 2113583247, 3688324017, 3739543827]);
    expect(first(0.5)).toEqual([2004257602, 2366761236, 4073721831, 83629305, 645438806, 2060634242]);
    expect(first(2 ** 40)).toEqual([3580876752, 1387420605, 134342016, 2067638399, 1733391941, 1441112317]);
  });

  it("fuzz: which pixel each one copies, on a small fully masked image (radius 1, seed 1)", () => {
    const all = maskFrom(["######", "######", "######", "######"]);
    expect(sources(fuzz(coordinateImage(6, 4), all, { radius: 1, seed: 1 }), all)).toEqual([
      "10 21 31 41 40 50",
      "02 02 10 30 30 42",
      "01 02 31 22 51 42",
      "03 03 12 43 43 52",
    ]);
  });

  it("fuzz: SHA-256 of the output at small, medium and border-dominated radii, with a 53-bit seed", () => {
    expect(sha256(fuzz(image, mask, { radius: 2, seed: 1 }).data)).toBe(
      "1d49bd3a9791a29910050ccf51290eec2b6f67d5fd618726ee4d26e021a8ceaf",
    );
    expect(sha256(fuzz(image, mask, { radius: 5, seed: 12345 }).data)).toBe(
      "2c04e375a30dd7748d62cf2f3dc492a34a60b038ef308dfd7f07cafabaf802f8",
    );
    expect(sha256(fuzz(image, mask, { radius: 8, seed: 2 ** 52 + 3 }).data)).toBe(
      "d09d003d30a6871d27b04bf731778372f43708af6e4f99cc773cf4e828a6a459",
    );
  });

  it("backgroundFill: which background pixel each masked one copies (jitter 1, seed 1)", () => {
    const person = maskFrom(["......", ".###..", ".####.", "..##.."]);
    expect(sources(backgroundFill(coordinateImage(6, 4), person, { jitter: 1, seed: 1 }), person)).toEqual([
      "-- -- -- -- -- --",
      "-- 01 10 20 -- --",
      "-- 02 30 41 51 --",
      "-- -- 43 43 -- --",
    ]);
  });

  it("backgroundFill: SHA-256 of the output without jitter and with two jitters and seeds", () => {
    expect(sha256(backgroundFill(image, mask, { jitter: 0, seed: 1 }).data)).toBe(
      "ab9933676e6c4cbc3d1828224290c3790d925f70be739d58a649aec3307b13fe",
    );
    expect(sha256(backgroundFill(image, mask, { jitter: 8, seed: 1 }).data)).toBe(
      "8e0864ce170b515ae0415c6a566a90be41907f9309e02c55f204c496818c61e3",
    );
    expect(sha256(backgroundFill(image, mask, { jitter: 3, seed: 99 }).data)).toBe(
      "44c1260bd1632a629c5e592c3dc61eef4f925fbda151d5eac02202f5b857859a",
    );
  });
});
