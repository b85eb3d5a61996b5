// The site's whole privacy check with the real models on the street sample: the detector runs once on the
// result, the observers on the original once per photo and on each result, and the scene's objects come from
// the detector's same run.
import { beforeAll, describe, expect, it } from "vitest";
import { checkScene } from "../../components/core/scene-objects.js";
import type { Detection } from "../../components/core/types.js";
import { loadObservers, type Observers } from "../../components/models/observers.js";
import { diskModelSource } from "../../components/node/model-source.js";
import { checkCounts, checkEverything, type PrivacyJudges } from "../../components/pipeline/check-everything.js";
import { checkPrivacy } from "../../components/pipeline/check-privacy.js";
import { localObservers } from "../../components/pipeline/observer-check.js";
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
import { loadModels, readSample } from "./models.js";

let models: Models;
let observers: Observers;
let judges: PrivacyJudges;
let prepared: PreparedImage;
let detections: Detection[];
let masks: MaskStage;
const runs = () => ({
  detector: models.detector.runs,
  objects: observers.objects.runs,
  pose: observers.pose.runs,
  faces: observers.faces.runs,
});
const delta = (before: ReturnType<typeof runs>) => {
  const now = runs();
  return {
    detector: now.detector - before.detector,
    objects: now.objects - before.objects,
    pose: now.pose - before.pose,
    faces: now.faces - before.faces,
  };
};

beforeAll(async () => {
  models = await loadModels();
  observers = await loadObservers(diskModelSource("data/models"));
  judges = { detector: models.detector, observers: localObservers(observers) };
  prepared = prepareImage(await readSample("street-group.jpg"));
  ({ detections } = await detectObjects(models.detector, prepared));
  const segmentation = await segmentPeople(models.segmenter, prepared, { detections, ms: 0 }, DEFAULT_SETTINGS);
  masks = buildMask(prepared, selectRegions(segmentation, { detections, ms: 0 }, DEFAULT_SETTINGS), DEFAULT_SETTINGS);
});

describe("checkEverything on street-group.jpg", () => {
  it("hides the people from every judge with the defaults, with one detector run, and keeps the cars", async () => {
    const hidden = obfuscatePeople(prepared, masks.mask, DEFAULT_SETTINGS).image;
    const start = runs();
    const check = await checkEverything(judges, prepared, { detections }, hidden, masks.mask);
    const n = check.foundBefore;
    expect(n).toBeGreaterThanOrEqual(5);
    // One detector run (its re-run on the result, which also judges the scene); each observer on both images.
    expect(delta(start)).toEqual({ detector: 1, objects: 2, pose: 2 * n, faces: 2 * n });
    // The detector's part is the detector-only check.
    const alone = await checkPrivacy(models, prepared, detections, hidden);
    expect(check.people.map((p) => p.stillFound)).toEqual(alone.people.map((p) => p.stillFound));
    expect(check.detectionsAfter).toEqual(alone.detectionsAfter);
    for (const p of check.people) {
      const seen = p.observers.after;
      expect(p.foundByAny).toBe(p.stillFound || seen.objects || seen.pose || seen.faces > 0);
      expect(p.observers.box).toEqual(p.box);
    }
    // Before hiding, the second detector or the pose model sees most of these people.
    expect(check.people.filter((p) => p.observers.before.objects || p.observers.before.pose).length).toBeGreaterThan(
      n - 2,
    );
    expect(check.hidden).toBe(check.people.filter((p) => !p.foundByAny).length);
    expect(check.hidden).toBeGreaterThanOrEqual(n - 1);
    // The scene: the same detector run, judged against the mask; the street's two cars, not on people, stay.
    expect(check.scene).toEqual(checkScene(detections, check.detectionsAfter, masks.mask));
    const counts = checkCounts(check);
    expect(counts.objects).toBeGreaterThanOrEqual(2);
    expect(check.scene.objects.filter((o) => o.object.label === "car" && o.kept).length).toBeGreaterThanOrEqual(2);
    console.log(
      `full check, ${DEFAULT_SETTINGS.method} r ${DEFAULT_SETTINGS.radius}: people hidden ${counts.hidden} of ${counts.people}; other objects kept ${counts.kept} of ${counts.objects}; painted in ${counts.painted}`,
    );
  });

  it("reuses the original's observation for a new result, and finds people a light fuzz leaves in place", async () => {
    const light = obfuscatePeople(prepared, masks.mask, { method: "fuzz", radius: 1, seed: 1 }).image;
    await checkEverything(judges, prepared, { detections }, light, masks.mask);
    const start = runs();
    const again = obfuscatePeople(prepared, masks.mask, { method: "fuzz", radius: 2, seed: 2 }).image;
    const check = await checkEverything(judges, prepared, { detections }, again, masks.mask);
    const n = check.foundBefore;
    // The photo was observed already: only the result is.
    expect(delta(start)).toEqual({ detector: 1, objects: 1, pose: n, faces: n });
    expect(check.people.filter((p) => p.foundByAny).length).toBeGreaterThan(n / 2);
    expect(check.hidden).toBeLessThan(n / 2);
    // Nothing moved outside the mask: every other object is found again, none painted in.
    expect(check.scene.objects.every((o) => o.kept)).toBe(true);
  });

  it("says which size it expected when the mask is not the photo's", async () => {
    const small = { width: 10, height: 10, data: new Uint8Array(100) };
    await expect(checkEverything(judges, prepared, { detections }, prepared.full, small)).rejects.toThrow(
      `the mask is 10×10 but the photo is ${prepared.full.width}×${prepared.full.height}`,
    );
  });
});
