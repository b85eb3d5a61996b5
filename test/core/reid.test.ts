import { describe, expect, it } from "vitest";
import {
  appearanceDescriptor,
  BODY_PARTS,
  descriptorDistance,
  LEVELS,
  matchRanks,
  rankAccuracy,
} from "../../components/core/reid.js";
import type { Mask, RgbaImage } from "../../components/core/types.js";
import { randomImage, randomMask } from "./helpers.js";

/** A person on a grey background: shirt colour above mid-height, trousers below, head (top 15%) in skin. */
function dressed(shirt: number[], trousers: number[], jitter = 0): { image: RgbaImage; person: Mask } {
  const w = 20,
    h = 40;
  const data = new Uint8ClampedArray(w * h * 4);
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const inside = x >= 5 && x < 15;
      m[i] = inside ? 1 : 0;
      const c = !inside ? [128, 128, 128] : y < 6 ? [230, 180, 150] : y < 20 ? shirt : trousers;
      data.set([...c.map((v) => v + (((x * 7 + y * 3) % 3) - 1) * jitter), 255], i * 4);
    }
  return { image: { width: w, height: h, data }, person: { width: w, height: h, data: m } };
}

describe("appearanceDescriptor", () => {
  it("matches a plain per-pixel histogram of each body band", () => {
    const image = randomImage(23, 31, 5);
    const person = randomMask(23, 31, 0.4, 6);
    const got = appearanceDescriptor(image, person);
    let top = Infinity,
      bottom = -1;
    for (let i = 0; i < person.data.length; i++)
      if (person.data[i]) {
        const y = Math.floor(i / 23);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    const span = bottom - top + 1;
    const bins = LEVELS ** 3;
    BODY_PARTS.forEach(({ from, to }, p) => {
      const counts = new Map<number, number>();
      let n = 0;
      for (let i = 0; i < person.data.length; i++) {
        const y = Math.floor(i / 23);
        if (!person.data[i] || y < top + Math.floor(from * span) || y >= top + Math.floor(to * span)) continue;
        const [r, g, b] = [0, 1, 2].map((c) => Math.floor((image.data[i * 4 + c]! * LEVELS) / 256));
        const bin = (r! * LEVELS + g!) * LEVELS + b!;
        counts.set(bin, (counts.get(bin) ?? 0) + 1);
        n++;
      }
      for (let b = 0; b < bins; b++) expect(got[p * bins + b]).toBeCloseTo((counts.get(b) ?? 0) / n, 6);
    });
  });

  it("is all zeros for nobody; distances are 0 for equal and 1 per disjoint part", () => {
    const { image, person } = dressed([200, 0, 0], [0, 0, 200]);
    expect(
      appearanceDescriptor(image, { ...person, data: new Uint8Array(person.data.length) }).every((v) => v === 0),
    ).toBe(true);
    const a = appearanceDescriptor(image, person);
    expect(descriptorDistance(a, a)).toBeCloseTo(0, 6);
    const other = dressed([0, 200, 0], [200, 200, 0]);
    expect(descriptorDistance(a, appearanceDescriptor(other.image, other.person))).toBeCloseTo(2, 6);
    expect(() => descriptorDistance(a, new Float32Array(3))).toThrow(/differ in length/);
  });
});

describe("matching hidden people back", () => {
  const outfits = [
    [
      [200, 30, 30],
      [30, 30, 120],
    ],
    [
      [30, 160, 40],
      [40, 40, 40],
    ],
    [
      [220, 220, 60],
      [100, 60, 20],
    ],
    [
      [40, 40, 200],
      [210, 210, 210],
    ],
    [
      [120, 20, 160],
      [20, 120, 120],
    ],
  ];
  const gallery = outfits.map(([s, t]) => {
    const { image, person } = dressed(s!, t!);
    return appearanceDescriptor(image, person);
  });
  const truth = outfits.map((_, i) => i);

  it("finds everyone at rank 1 when clothes show through a little noise", () => {
    const queries = outfits.map(([s, t]) => {
      const { image, person } = dressed(s!, t!, 3);
      return appearanceDescriptor(image, person);
    });
    const ranks = matchRanks(queries, gallery, truth);
    expect(rankAccuracy(ranks, 1)).toBe(1);
  });

  it("is at chance when hiding makes everyone look the same (ties broken at random)", () => {
    const grey = dressed([128, 128, 128], [128, 128, 128]);
    const queries = outfits.map(() => appearanceDescriptor(grey.image, grey.person));
    const ranks = matchRanks(queries, gallery, truth);
    expect(rankAccuracy(ranks, 1)).toBeCloseTo(1 / 5, 10);
    expect(rankAccuracy(ranks, 5)).toBeCloseTo(1, 10);
  });

  it("agrees with a brute-force average over every tie-breaking order", () => {
    // Tiny galleries with deliberate duplicates, so ties occur.
    for (let seed = 1; seed <= 6; seed++) {
      const pool = [0, 1, 2].map((k) => {
        const { image, person } = dressed(outfits[k]![0]!, outfits[k]![1]!);
        return appearanceDescriptor(image, person);
      });
      const small = [pool[seed % 3]!, pool[(seed + 1) % 3]!, pool[seed % 3]!, pool[2]!, pool[(seed * 7) % 3]!];
      const queries = [pool[0]!, pool[1]!, pool[2]!, pool[seed % 3]!];
      const own = [0, 1, 3, 2];
      const ranks = matchRanks(queries, small, own);
      for (const k of [1, 2, 3, 5]) {
        let hits = 0,
          orders = 0;
        for (const order of permutations(small.length)) {
          orders++;
          const position = new Map(order.map((g, p) => [g, p]));
          for (const [q, query] of queries.entries()) {
            const sorted = small
              .map((g, j) => ({ j, d: descriptorDistance(query, g) }))
              .sort((a, b) => a.d - b.d || position.get(a.j)! - position.get(b.j)!);
            if (sorted.findIndex((e) => e.j === own[q]) < k) hits += 1 / queries.length;
          }
        }
        expect(rankAccuracy(ranks, k), `seed ${seed}, k ${k}`).toBeCloseTo(hits / orders, 10);
      }
    }
  });

  it("rejects mismatched inputs", () => {
    expect(() => matchRanks(gallery, gallery, [0])).toThrow(/5 queries but 1 true matches/);
    expect(() => matchRanks([gallery[0]!], gallery, [9])).toThrow(/true match 9 of query 0 is not in the gallery of 5/);
    expect(() => rankAccuracy([], 0)).toThrow(/k must be an integer ≥ 1/);
  });
});

function* permutations(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  function* go(k: number): Generator<number[]> {
    if (k === n) {
      yield a.slice();
      return;
    }
    for (let i = k; i < n; i++) {
      [a[k], a[i]] = [a[i]!, a[k]!];
      yield* go(k + 1);
      [a[k], a[i]] = [a[i]!, a[k]!];
    }
  }
  yield* go(0);
}
