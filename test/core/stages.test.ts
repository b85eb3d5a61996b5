// The mask stage on hand-made regions (no model): the combined probability map it returns is the one it
// thresholds, fallback ellipse included, so a view drawing that map shows exactly what gets hidden.
import { describe, expect, it } from "vitest";
import { maskArea, resizeProbabilities, thresholdProbabilities } from "../../components/core/mask.js";
import type { Detection, ProbabilityMap } from "../../components/core/types.js";
import { buildMask, type PersonRegion, prepareImage } from "../../components/pipeline/stages.js";
import { randomImage } from "./helpers.js";

const constant = (width: number, height: number, p: number): ProbabilityMap => ({
  width,
  height,
  data: new Float32Array(width * height).fill(p),
});

describe("buildMask", () => {
  // A 120×80 photo seen by the models at 60×40 (scale 0.5).
  const prepared = prepareImage(randomImage(120, 80), 60);
  const missed: Detection = { label: "person", score: 0.9, box: { x: 20, y: 10, width: 40, height: 60 } };
  const regions: PersonRegion[] = [
    // The segmenter missed this confidently detected person entirely: the ellipse over their box hides them.
    {
      source: "box",
      box: { x: 8, y: 3, width: 24, height: 34 },
      probabilities: constant(24, 34, 0),
      detection: missed,
      score: 0.9,
    },
    // A multi-person region the segmenter is fairly sure of.
    { source: "multi", box: { x: 40, y: 5, width: 10, height: 20 }, probabilities: constant(10, 20, 0.7), score: 0.8 },
  ];

  it("returns the combined probabilities it thresholds, the fallback ellipse included", () => {
    const masks = buildMask(prepared, regions, { segmentationThreshold: 0.4, growth: 0 });
    expect(prepared.scale).toBe(0.5);
    expect(masks.people.map((p) => p.fallback)).toEqual([true, false]);
    const { probabilities } = masks;
    expect([probabilities.width, probabilities.height]).toEqual([60, 40]);
    // The ellipse over the detection box (10, 5, 20×30 at inference size): 1 at its centre, 0 at its corner.
    expect(probabilities.data[20 * 60 + 20]).toBe(1);
    expect(probabilities.data[5 * 60 + 10]).toBe(0);
    expect(probabilities.data[15 * 60 + 45]).toBeCloseTo(0.7);
    const rethresholded = thresholdProbabilities(resizeProbabilities(probabilities, 120, 80), 0.4);
    expect(rethresholded.data).toEqual(masks.ungrown.data);
    expect(maskArea(masks.ungrown)).toBeGreaterThan(0.7 * Math.PI * 20 * 30); // most of the ellipse at full size
  });

  it("keeps the growth out of the probabilities: growing changes the mask, not the map", () => {
    const plain = buildMask(prepared, regions, { segmentationThreshold: 0.4, growth: 0 });
    const grown = buildMask(prepared, regions, { segmentationThreshold: 0.4, growth: 4 });
    expect(grown.probabilities.data).toEqual(plain.probabilities.data);
    expect(maskArea(grown.mask)).toBeGreaterThan(maskArea(plain.mask));
    expect(grown.ungrown.data).toEqual(plain.ungrown.data);
  });
});
