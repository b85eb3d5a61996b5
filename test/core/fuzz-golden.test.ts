// Exact outputs of fuzz, pinned before its kernel was optimised: the same seed must keep giving the same
// bytes (the CLI's report promises a seed reproduces a result). The fixture is built here from a plain LCG,
// so it depends on nothing else in the project; the hashes are SHA-256 of the output bytes.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fuzz, fuzzInto } from "../../components/core/fuzz.js";
import type { Mask, RgbaImage } from "../../components/core/types.js";

const WIDTH = 157;
const HEIGHT = 93;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function fixtureImage(): RgbaImage {
  const next = lcg(7);
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let i = 0; i < data.length; i++) data[i] = next() >>> 24;
  return { width: WIDTH, height: HEIGHT, data };
}

/** An ellipse touching the left border, a band along the bottom and speckles: runs, edges and lone pixels. */
function fixtureMask(): Mask {
  const next = lcg(11);
  const data = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const inEllipse = ((x - 30) / 40) ** 2 + ((y - 40) / 30) ** 2 <= 1;
      const inBand = y >= HEIGHT - 6 && x > 90;
      data[y * WIDTH + x] = inEllipse || inBand || next() >>> 28 === 0 ? 1 : 0;
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

const sha256 = (bytes: Uint8ClampedArray) => createHash("sha256").update(bytes).digest("hex");

const image = fixtureImage();
const mask = fixtureMask();
const full: Mask = { width: WIDTH, height: HEIGHT, data: new Uint8Array(WIDTH * HEIGHT).fill(1) };

describe("fuzz output, pinned", () => {
  it.each([
    ["mask", 0, 1, "64aca90d78b5f87083cd9d6da3ef621413ffadb7f85ad7386eb3785d56173374"],
    ["mask", 1, 1, "4e65ce1c514ae9790a370441e2bbbe9226b42126013f89b50971cb9a82a7a8cb"],
    ["mask", 5, 1, "9322fc0f154d0db470f25ed01f8bbc9a08078d5953530f63a216b480d361e32a"],
    ["mask", 16, 1, "90de17ef1dab1cc0a915fe8db2c2e7ad2f17149bf6c18ef3ee5a10d96b82a914"],
    ["mask", 16, 12345.5, "5b94c7e2828ce8cc3d8839f308d2cc83a338fab77d70d442ccd793dea5a1a060"],
    ["mask", 64, 2, "d14c27f40d726ac669f943404cfc1fe219d7b3b6a67556ebe47a15031946b389"],
    ["mask", 200, 3, "202dfa4ad3cfe3961125fe18c42177f3cff1d4462940954c175950e889c8e034"],
    ["full", 16, 1, "fca975371446392c085f424d7010470c1ea970f80b9a0b6efc44a520f7c8ce5e"],
    ["full", 47, 4, "8938bd7f05229bcfa8f61e793c5fe88cff2e3140a6e38abd906003d1086a1aca"],
  ] as const)("%s, radius %d, seed %d", (which, radius, seed, expected) => {
    const out = fuzz(image, which === "full" ? full : mask, { radius, seed });
    expect(sha256(out.data)).toBe(expected);
  });

  it("fuzzInto writes the same masked pixels and leaves the others as they were", () => {
    const out: RgbaImage = { width: WIDTH, height: HEIGHT, data: new Uint8ClampedArray(WIDTH * HEIGHT * 4).fill(9) };
    fuzzInto(image, mask, out, { radius: 16, seed: 1 });
    const expected = fuzz(image, mask, { radius: 16, seed: 1 });
    for (let i = 0; i < mask.data.length; i++) {
      const got = out.data.subarray(4 * i, 4 * i + 4);
      const want = mask.data[i] ? expected.data.subarray(4 * i, 4 * i + 4) : new Uint8ClampedArray(4).fill(9);
      if (got.some((v, c) => v !== want[c])) expect.fail(`pixel ${i}: ${got} instead of ${want}`);
    }
  });

  it("gives the same bytes from an image whose data does not start on a 4-byte boundary", () => {
    const shifted = new Uint8ClampedArray(image.data.length + 1).subarray(1);
    shifted.set(image.data);
    const out = fuzz({ width: WIDTH, height: HEIGHT, data: shifted }, mask, { radius: 16, seed: 1 });
    expect(sha256(out.data)).toBe(sha256(fuzz(image, mask, { radius: 16, seed: 1 }).data));
  });
});
