// The independent observers with their real models on the shipped photos: they find the people in the
// originals, and after the default hiding the rules say who is still found.
import { beforeAll, describe, expect, it } from "vitest";
import { fill } from "../../components/core/methods/fill.js";
import { obfuscate } from "../../components/core/obfuscate.js";
import type { Box, Detection, RgbaImage } from "../../components/core/types.js";
import { headRegion } from "../../components/models/blazeface.js";
import type { Keypoint } from "../../components/models/movenet.js";
import { loadObservers, type Observers } from "../../components/models/observers.js";
import { diskModelSource } from "../../components/node/model-source.js";
import { detectedPeople } from "../../components/pipeline/match-people.js";
import {
  checkObservers,
  compareObservations,
  detectorFinds,
  facesFoundAgain,
  keypointsInBox,
  localObservers,
  type Observation,
  type ObserverRunner,
  POSE_KEYPOINT_SCORE,
  POSE_MIN_KEYPOINTS,
  poseFinds,
} from "../../components/pipeline/observer-check.js";
import type { Models } from "../../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  buildMask,
  detectObjects,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { loadModels, readSample } from "./models.js";

const box = (x: number, y: number, width = 10, height = 20): Box => ({ x, y, width, height });
const keypoint = (x: number, y: number, score: number): Keypoint => ({ part: "nose", x, y, score });

describe("observer rules", () => {
  it("count a detector's person by score and overlap", () => {
    const person = box(0, 0);
    const d = (score: number, x: number, label = "person"): Detection => ({ label, score, box: box(x, 0) });
    expect(detectorFinds([d(0.5, 0)], person)).toBe(true);
    expect(detectorFinds([d(0.49, 0)], person)).toBe(false);
    expect(detectorFinds([d(0.9, 4)], person)).toBe(false); // IoU 6/14
    expect(detectorFinds([d(0.9, 0, "dog")], person)).toBe(false);
  });

  it("count placed keypoints inside the box only", () => {
    const person = box(10, 10);
    const points = [
      keypoint(10, 10, 0.9), // on the corner: inside
      keypoint(20, 30, POSE_KEYPOINT_SCORE), // far corner, at the threshold
      keypoint(15, 15, POSE_KEYPOINT_SCORE - 0.01), // not placed
      keypoint(21, 15, 0.9), // outside
    ];
    expect(keypointsInBox(points, person)).toBe(2);
    const enough = Array.from({ length: POSE_MIN_KEYPOINTS }, () => keypoint(12, 12, 0.5));
    expect(poseFinds(enough, person)).toBe(true);
    expect(poseFinds(enough.slice(1), person)).toBe(false);
  });

  it("match a face found again by overlap, and report per person", () => {
    const face = (x: number): Detection => ({ label: "face", score: 0.9, box: box(x, 0, 10, 10) });
    expect(facesFoundAgain([face(0), face(50)], [face(2)])).toEqual([face(0)]);
    const people = [box(0, 0, 30, 60), box(100, 0, 30, 60)];
    const observed = (faces: Detection[][], keypoints: Keypoint[][]): Observation => ({
      objects: [{ label: "person", score: 0.8, box: people[0]! }],
      keypoints,
      faces,
    });
    const many = Array.from({ length: 17 }, () => keypoint(110, 10, 0.8));
    const checks = compareObservations(
      observed([[face(0)], []], [[], many]),
      observed([[face(40)], []], [[], []]),
      people,
    );
    expect(checks.map((c) => [c.before, c.after])).toEqual([
      [
        { objects: true, objectScore: 0.8, pose: false, keypoints: 0, faces: 1 },
        { objects: true, objectScore: 0.8, pose: false, keypoints: 0, faces: 0 },
      ],
      [
        { objects: false, objectScore: 0, pose: true, keypoints: 17, faces: 0 },
        { objects: false, objectScore: 0, pose: false, keypoints: 0, faces: 0 },
      ],
    ]);
  });
});

describe("the observers on the shipped photos", () => {
  let observers: Observers;
  let local: ObserverRunner;
  let models: Models;
  let street: RgbaImage;
  let people: Box[];
  beforeAll(async () => {
    models = await loadModels();
    observers = await loadObservers(diskModelSource("data/models"));
    local = localObservers(observers);
    street = await readSample("street-group.jpg");
    people = detectedPeople((await detectObjects(models.detector, prepareImage(street))).detections).map((d) => d.box);
  });

  it("find the people of the street photo in the original, each model a known number of times", async () => {
    const runs = [observers.objects.runs, observers.pose.runs, observers.faces.runs];
    const checks = await checkObservers(local, street, street, people);
    expect(people.length).toBeGreaterThanOrEqual(5);
    // The second detector and the pose model both see most of the people COCO-SSD found.
    expect(checks.filter((c) => c.before.objects).length).toBeGreaterThanOrEqual(people.length - 2);
    expect(checks.filter((c) => c.before.pose).length).toBeGreaterThanOrEqual(people.length - 1);
    // An unchanged photo is judged the same after as before.
    for (const c of checks) expect(c.after).toEqual(c.before);
    expect([observers.objects.runs, observers.pose.runs, observers.faces.runs]).toEqual([
      runs[0]! + 2,
      runs[1]! + 2 * people.length,
      runs[2]! + 2 * people.length,
    ]);
  });

  it("find the astronaut's face in her head region, and not after it is painted over", async () => {
    const astronaut = await readSample("astronaut.png");
    const [person] = detectedPeople((await detectObjects(models.detector, prepareImage(astronaut))).detections);
    const [faces] = (await observers.faces.faces(astronaut, [person!.box])) as [Detection[]];
    expect(faces[0]!.score).toBeGreaterThan(0.9);
    const head = headRegion(person!.box);
    const { x, y, width, height } = faces[0]!.box;
    expect(x >= head.x && y >= head.y && x + width <= head.x + head.width && y + height <= head.y + head.height).toBe(
      true,
    );
    const faceMask = { width: 512, height: 512, data: new Uint8Array(512 * 512) };
    for (let yy = Math.floor(y); yy < Math.ceil(y + height); yy++)
      for (let xx = Math.floor(x); xx < Math.ceil(x + width); xx++) faceMask.data[yy * 512 + xx] = 1;
    const [check] = await checkObservers(local, astronaut, fill(astronaut, faceMask), [person!.box]);
    expect(check!.before.faces).toBe(1);
    expect(check!.after.faces).toBe(0);
  });

  it("no longer find the street's people after the default hiding", async () => {
    const prepared = prepareImage(street);
    const detection = await detectObjects(models.detector, prepared);
    const segmentation = await segmentPeople(models.segmenter, prepared, detection, DEFAULT_SETTINGS);
    const { mask } = buildMask(prepared, selectRegions(segmentation, detection, DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    const hidden = obfuscate(street, mask, DEFAULT_SETTINGS);
    const checks = await checkObservers(local, street, hidden, people);
    const still = checks.filter((c) => c.after.objects || c.after.pose || c.after.faces > 0);
    expect(still.length).toBeLessThanOrEqual(1);
  });
});
