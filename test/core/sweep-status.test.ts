import { describe, expect, it } from "vitest";
import type { Sweep, SweepPoint } from "../../components/pipeline/sweep-radius.js";
import { describeSweep, sweepStatus } from "../../components/views/sweep-status.js";

const point = (radius: number, stillFound: number): SweepPoint => ({
  radius,
  scores: [],
  stillFound,
  meanProbability: 0,
  markedShare: 0,
});
const sweep = (people: number, found: number[]): Sweep => ({
  method: "fuzz",
  radii: [0, 4, 16, 64],
  people,
  points: found.map((n, i) => point([0, 4, 16, 64][i]!, n)),
});

const runs = { detector: { runs: 9 }, segmenter: { runs: 4 } };

describe("the sweep's status", () => {
  it("says which radius is being tried until every radius is done", () => {
    expect(describeSweep(sweep(3, []))).toBe("Trying fuzz at radius 0…");
    expect(describeSweep(sweep(3, [3, 2]))).toBe("Trying fuzz at radius 16…");
    expect(sweepStatus(sweep(3, [3, 2]), runs)).toMatchObject({
      state: "running",
      progress: 0.5,
      data: { method: "fuzz", detectorRuns: 9, segmenterRuns: 4 },
    });
  });
  it("then says where the detector first loses everyone, and whether it finds someone again further on", () => {
    expect(describeSweep(sweep(3, [3, 1, 0, 0]))).toBe("With fuzz, the detector first loses everyone at radius 16.");
    expect(describeSweep(sweep(3, [3, 0, 0, 1]))).toBe(
      "With fuzz, the detector first loses everyone at radius 4, but finds someone again at radius 64: a stronger setting is not always safer.",
    );
    expect(describeSweep(sweep(3, [3, 3, 2, 1]))).toBe(
      "With fuzz, the detector still finds someone even at radius 64.",
    );
    expect(describeSweep(sweep(0, [0, 0, 0, 0]))).toBe(
      "The detector found no one in the original, so there is no one to follow.",
    );
    expect(sweepStatus(sweep(3, [3, 1, 0, 0]), runs)).toMatchObject({ state: "done", progress: 1 });
  });
});
