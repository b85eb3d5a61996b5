// The samples' stages as the build-time data loader stores them (one byte per probability, JSON) give the
// same masks as the stages computed live, at every threshold step the site offers, on every sample.
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Models } from "../../components/pipeline/run.js";
import { DEFAULT_SETTINGS, LIMITS } from "../../components/pipeline/settings.js";
import { restoreStages, storeStages } from "../../components/pipeline/stage-data.js";
import {
  buildMask,
  detectObjects,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { loadModels, readSample } from "./models.js";

const SAMPLES = readdirSync("data/samples").sort();

let models: Models;
beforeAll(async () => {
  models = await loadModels();
});

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("build-time stages of the samples", () => {
  it.each(SAMPLES)("%s: stored and restored, the masks are identical at every threshold step", async (name) => {
    const image = await readSample(name);
    const prepared = prepareImage(image);
    const detection = await detectObjects(models.detector, prepared);
    const segmentation = await segmentPeople(models.segmenter, prepared, detection, DEFAULT_SETTINGS);
    const stored = JSON.parse(JSON.stringify(storeStages(image, detection, segmentation)));
    const restored = restoreStages(stored);
    expect(restored.detection.detections).toEqual(detection.detections);
    expect(restored.segmentation.regions.map((r) => [r.source, r.box, r.score])).toEqual(
      segmentation.regions.map((r) => [r.source, r.box, r.score]),
    );

    const [min, max] = LIMITS.segmentationThreshold;
    let steps = 0;
    for (let t = min; t <= max + 1e-9; t += 0.05) {
      const segmentationThreshold = Number(t.toFixed(2));
      for (const scoreThreshold of [DEFAULT_SETTINGS.scoreThreshold, 0.6]) {
        const settings = { ...DEFAULT_SETTINGS, segmentationThreshold, scoreThreshold, growth: 0 };
        const live = buildMask(prepared, selectRegions(segmentation, detection, settings), settings);
        const fromData = buildMask(
          prepared,
          selectRegions(restored.segmentation, restored.detection, settings),
          settings,
        );
        const where = `${name} at ${segmentationThreshold}, score ${scoreThreshold}`;
        expect(sameBytes(fromData.mask.data, live.mask.data), where).toBe(true);
        expect(
          fromData.people.map((p) => p.fallback),
          where,
        ).toEqual(live.people.map((p) => p.fallback));
        for (const [i, p] of fromData.people.entries())
          expect(sameBytes(p.mask.data, live.people[i]!.mask.data), where).toBe(true);
      }
      steps++;
    }
    expect(steps).toBe(18);
  });
});
