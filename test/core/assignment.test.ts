import { describe, expect, it } from "vitest";
import { maxWeightMatching } from "../../components/core/assignment.js";
import { randomBelow, randomSource } from "../../components/core/random.js";

/** Best total over every partial matching of positive-weight pairs, by enumeration. */
function bruteForceBest(weights: number[][]): number {
  const rows = weights.length;
  const columns = rows ? weights[0]!.length : 0;
  const used = new Array<boolean>(columns).fill(false);
  const best = (row: number): number => {
    if (row === rows) return 0;
    let value = best(row + 1); // this row unmatched
    for (let c = 0; c < columns; c++) {
      const w = weights[row]![c]!;
      if (used[c] || w <= 0) continue;
      used[c] = true;
      value = Math.max(value, w + best(row + 1));
      used[c] = false;
    }
    return value;
  };
  return best(0);
}

describe("maxWeightMatching", () => {
  it("matches the brute-force optimum on 2000 random matrices up to 6 × 6, with forbidden pairs", () => {
    const random = randomSource(11);
    for (let trial = 0; trial < 2000; trial++) {
      const rows = randomBelow(random, 7);
      const columns = randomBelow(random, 7);
      const weights = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const u = randomBelow(random, 10);
          return u < 3 ? -randomBelow(random, 3) : randomBelow(random, 1000) / 100; // some ≤ 0: forbidden
        }),
      );
      const pairs = maxWeightMatching(weights);
      const rowsUsed = new Set(pairs.map(([r]) => r));
      const columnsUsed = new Set(pairs.map(([, c]) => c));
      expect(rowsUsed.size).toBe(pairs.length);
      expect(columnsUsed.size).toBe(pairs.length);
      for (const [r, c] of pairs) expect(weights[r]![c]!).toBeGreaterThan(0);
      const total = pairs.reduce((sum, [r, c]) => sum + weights[r]![c]!, 0);
      expect(total).toBeCloseTo(bruteForceBest(weights), 9);
    }
  });

  it("prefers two good pairs over one excellent pair that blocks both", () => {
    // Greedy would take (0,0) = 10 and leave 1 for row 1; the optimum is 9 + 9.
    expect(
      maxWeightMatching([
        [10, 9],
        [9, 0],
      ]),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("handles empty and one-sided inputs, and rejects ragged or non-finite ones", () => {
    expect(maxWeightMatching([])).toEqual([]);
    expect(maxWeightMatching([[], []])).toEqual([]);
    expect(maxWeightMatching([[0, -1]])).toEqual([]);
    expect(() => maxWeightMatching([[1, 2], [3]])).toThrow(/row 1 has 1 weights, expected 2/);
    expect(() => maxWeightMatching([[Number.NaN]])).toThrow(/finite/);
  });
});
