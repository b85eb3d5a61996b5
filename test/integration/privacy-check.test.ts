// The privacy check with the real models: people found before are looked for again after hiding them.
import { beforeAll, describe, expect, it } from "vitest";
import { boxIoU } from "../../components/core/geometry.js";
import { maskArea } from "../../components/core/mask.js";
import { OBFUSCATION_METHOD_IDS, obfuscate } from "../../components/core/obfuscate.js";
import type { Detection } from "../../components/core/types.js";
import { DETECTION_FLOOR } from "../../components/models/model-limits.js";
import { checkPrivacy } from "../../components/pipeline/check-privacy.js";
import { compareMethods, type MethodResult } from "../../components/pipeline/compare-methods.js";
import { detectedPeople, FOUND_SCORE, MATCH_IOU, matchPeople } from "../../components/pipeline/match-people.js";
import type { Models } from "../../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  buildMask,
  detectObjects,
  type MaskStage,
  obfuscatePeople,
  type PreparedImage,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { type Sweep, type SweepPoint, sweepRadiusSteps } from "../../components/pipeline/sweep-radius.js";
import { undoFuzz } from "../../components/pipeline/undo-fuzz.js";
import { loadModels, readSample } from "./models.js";

let models: Models;
let prepared: PreparedImage;
let detections: Detection[];
let masks: MaskStage;
beforeAll(async () => {
  models = await loadModels();
  prepared = prepareImage(await readSample("street-group.jpg"));
  ({ detections } = await detectObjects(models.detector, prepared));
  const segmentation = await segmentPeople(models.segmenter, prepared, { detections, ms: 0 }, DEFAULT_SETTINGS);
  masks = buildMask(prepared, selectRegions(segmentation, { detections, ms: 0 }, DEFAULT_SETTINGS), DEFAULT_SETTINGS);
});

describe("matchPeople", () => {
  const person = (x: number, score: number, label = "person"): Detection => ({
    label,
    score,
    box: { x, y: 0, width: 10, height: 30 },
  });
  it("needs a person label, score ≥ 0.5 and box IoU ≥ 0.5", () => {
    const check = matchPeople(
      [person(0, 0.9), person(100, 0.8), person(200, 0.7), person(300, 0.4)],
      [
        person(1, 0.6), // same place: still found
        person(104, 0.9), // IoU 6/14 < 0.5: not them
        person(200, 0.9, "dog"), // not a person
      ],
    );
    expect(check.foundBefore).toBe(3); // the 0.4 one was never found
    expect(check.people.map((p) => p.stillFound)).toEqual([true, false, false]);
    expect(check.people[0]!.scoreAfter).toBe(0.6);
    expect(check.stillFound).toBe(1);
  });
});

describe("the privacy check on street-group.jpg", () => {
  it("reports the people found before and after the default obfuscation, and fewer are found after", async () => {
    const hidden = obfuscatePeople(prepared, masks.mask, DEFAULT_SETTINGS).image;
    const check = await checkPrivacy(models, prepared, detections, hidden);
    expect(check.foundBefore).toBe(detectedPeople(detections).length);
    expect(check.foundBefore).toBeGreaterThanOrEqual(5);
    expect(check.people).toHaveLength(check.foundBefore);
    const personsAfter = check.detectionsAfter.filter((d) => d.label === "person");
    for (const p of check.people) {
      expect(p.scoreBefore).toBeGreaterThanOrEqual(FOUND_SCORE);
      expect(p.stillFound).toBe(p.scoreAfter >= FOUND_SCORE);
      // scoreAfter is the best "person" detection after hiding that overlaps the person's box enough, or 0.
      const overlapping = personsAfter.filter((d) => boxIoU(d.box, p.box) >= MATCH_IOU);
      expect(p.scoreAfter).toBe(Math.max(0, ...overlapping.map((d) => d.score)));
      if (p.scoreAfter > 0) {
        expect(p.scoreAfter).toBeGreaterThanOrEqual(DETECTION_FLOOR);
        expect(p.iou).toBeGreaterThanOrEqual(MATCH_IOU);
      } else expect(p.iou).toBe(0);
    }
    expect(check.stillFound).toBeLessThan(check.foundBefore);
    console.log(
      `street-group.jpg, ${DEFAULT_SETTINGS.method} r ${DEFAULT_SETTINGS.radius}: ${check.stillFound} of ${check.foundBefore} people still found`,
    );
  });

  it("finds everyone again when nothing changed (fuzz with radius 0)", async () => {
    const unchanged = obfuscate(prepared.full, masks.mask, { method: "fuzz", radius: 0, seed: 1 });
    const check = await checkPrivacy(models, prepared, detections, unchanged);
    expect(check.foundBefore).toBeGreaterThan(0);
    expect(check.stillFound).toBe(check.foundBefore);
    for (const p of check.people) expect(p.scoreAfter).toBeCloseTo(p.scoreBefore, 2);
  });

  it("sweeps the radius on the inference image, one step per radius: radius 0 keeps everyone, a large fuzz hides more", async () => {
    const steps: Sweep[] = [];
    for await (const step of sweepRadiusSteps(models, prepared, detections, masks.mask, {
      method: "fuzz",
      radii: [0, 32],
    })) {
      steps.push(step);
    }
    expect(steps.map((s) => s.points.map((p) => p.radius))).toEqual([[], [0], [0, 32]]);
    expect(steps.every((s) => s.people === detectedPeople(detections).length && s.method === "fuzz")).toBe(true);
    const [none, strong] = steps.at(-1)!.points as [SweepPoint, SweepPoint];
    expect(none.stillFound).toBe(detectedPeople(detections).length);
    expect(none.scores).toHaveLength(detectedPeople(detections).length);
    expect(strong.stillFound).toBeLessThan(none.stillFound);
    expect(strong.meanProbability).toBeLessThan(none.meanProbability);
    console.log(
      `sweep fuzz: r 0 ${none.stillFound} found, mean p ${none.meanProbability.toFixed(2)}; r 32 ${strong.stillFound} found, mean p ${strong.meanProbability.toFixed(2)}`,
    );
  });

  it("undoes most of a fuzz given its seed and mask, and the detector finds the people again", async () => {
    const undo = await undoFuzz(models, prepared, detections, masks.mask, { radius: 16, seed: DEFAULT_SETTINGS.seed });
    let masked = 0,
      exact = 0;
    for (let i = 0; i < masks.mask.data.length; i++) {
      if (!masks.mask.data[i]) continue;
      masked++;
      if ([0, 1, 2].every((c) => undo.undone.data[i * 4 + c] === prepared.full.data[i * 4 + c])) exact++;
    }
    expect(undo.restoredShare).toBeGreaterThan(0.4);
    expect(exact / masked).toBeGreaterThanOrEqual(undo.restoredShare);
    expect(undo.afterUndo.stillFound).toBeGreaterThan(undo.afterFuzz.stillFound);
    console.log(
      `unfuzz r 16: ${(100 * undo.restoredShare).toFixed(0)}% of hidden pixels restored exactly; found after fuzz ${undo.afterFuzz.stillFound}, after undoing ${undo.afterUndo.stillFound} of ${undo.afterUndo.foundBefore}`,
    );
  });

  it("compares every method on the same mask, reusing the result it is given", async () => {
    const known = obfuscatePeople(prepared, masks.mask, DEFAULT_SETTINGS).image;
    const knownCheck = await checkPrivacy(models, prepared, detections, known);
    const runs = models.detector.runs;
    const steps: (readonly MethodResult[])[] = [];
    for await (const results of compareMethods(models, prepared, detections, masks.mask, {
      radius: DEFAULT_SETTINGS.radius,
      seed: DEFAULT_SETTINGS.seed,
      known: { method: DEFAULT_SETTINGS.method, image: known, check: knownCheck },
    })) {
      steps.push(results);
    }
    expect(steps.map((s) => s.length)).toEqual(Array.from({ length: OBFUSCATION_METHOD_IDS.length + 1 }, (_, k) => k));
    const results = steps.at(-1)!;
    expect(results.map((r) => r.method)).toEqual([...OBFUSCATION_METHOD_IDS]);
    // One detector run per method but the one already checked.
    expect(models.detector.runs - runs).toBe(OBFUSCATION_METHOD_IDS.length - 1);
    const own = results.find((r) => r.method === DEFAULT_SETTINGS.method)!;
    expect(own.image).toBe(known);
    expect(own.check).toBe(knownCheck);
    const pixels = prepared.full.width * prepared.full.height;
    for (const r of results) {
      expect(r.check.foundBefore).toBe(knownCheck.foundBefore);
      expect(r.changedShare).toBeLessThanOrEqual(maskArea(masks.mask) / pixels);
      expect(r.colourChange).toBeGreaterThan(0);
    }
  });
});
