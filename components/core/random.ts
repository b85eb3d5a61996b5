// Seeded 32-bit pseudo-random numbers, so every obfuscation reproduces exactly from its seed.
import type { RandomUint32 } from "./types.js";

/**
 * Returns a fast seeded generator of uniform uint32 values (sfc32, 128-bit state, period ≥ 2^32;
 * only adds, shifts and xors, so it stays cheap inside pixel loops). Any finite number is a valid
 * seed: its 64-bit float representation is hashed into the state, so 1, 2, -1 and 0.5 all give
 * unrelated sequences, and the same seed always gives the same sequence.
 */
export function randomSource(seed: number): RandomUint32 {
  if (typeof seed !== "number") throw new TypeError(`seed must be a number, got ${typeof seed}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be finite, got ${seed}`);
  // Both halves of the float64 bits, so non-integers and large integers are distinguished.
  const f = new Float64Array([seed === 0 ? 0 : seed]); // fold -0 into 0
  const words = new Uint32Array(f.buffer);
  const h = splitmix32(words[0]! ^ splitmix32(words[1]! ^ 0x9e3779b9));
  let a = splitmix32(h);
  let b = splitmix32(a);
  let c = splitmix32(b);
  let d = 1; // sfc32 counter
  const next: RandomUint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up rounds decorrelate nearby seeds.
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Maps a uint32 to [0, n) without division: the high bits of u·n (bias ≤ n / 2^32). */
export function randomBelow(random: RandomUint32, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x100000000) {
    throw new RangeError(`n must be an integer in [1, 2^32], got ${n}`);
  }
  return Math.floor((random() * n) / 0x100000000);
}

/** Uniform float in [0, 1) with 32 bits of randomness. */
export function randomUnit(random: RandomUint32): number {
  return random() / 0x100000000;
}

/**
 * 32 random bits for `counter` under the keys k1, k2 (two draws of a seeded source): lowbias32 by
 * C. Wellons with the keys mixed in. Counter-based, so pixels can draw in any order; fuzz inlines the
 * same steps in its kernel.
 */
export function keyedHash(counter: number, k1: number, k2: number): number {
  let t = (counter + k1) | 0;
  t ^= t >>> 16;
  t = Math.imul(t, 0x7feb352d);
  t ^= t >>> 15;
  t = Math.imul(t ^ k2, 0x846ca68b);
  t ^= t >>> 16;
  return t >>> 0;
}

// A good 32-bit integer hash (splitmix32 finaliser); used only for seeding.
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * A fresh, unguessable seed (53 random bits). Fuzz with a known seed can be largely undone: anyone who
 * knows the seed and the mask can put copied pixels back. Seeds a person picks, like 1 to 100, can be tried.
 */
export function secretSeed(): number {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return (high! & 0x1fffff) * 2 ** 32 + low!;
}

/**
 * The seed of frame `index` of a video hidden with `seed`: unrelated to the seeds of the other frames, so
 * each frame draws fresh random choices, yet the whole video repeats exactly from `seed`. A hash of the
 * seed and the index, distinct for every index of one seed; an integer in [0, 2^53). Not a cryptographic
 * derivation: like the seed itself, it only has to be unguessable, never published.
 */
export function frameSeed(seed: number, index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > 0xffffffff) {
    throw new RangeError(`index must be an integer in [0, 2^32), got ${index}`);
  }
  const random = randomSource(seed);
  // splitmix32 is a bijection, so `low` alone already differs between any two indices.
  const low = splitmix32(splitmix32(index ^ random()) ^ random());
  const high = splitmix32(low ^ random()) & 0x1fffff;
  return high * 2 ** 32 + low;
}
