// Do observers that did not choose the mask still find the people? For each person (a box in the
// original: the labelled people in the evaluation, the people COCO-SSD found on the site), three
// independent judges look at the original and at the hidden result:
// - the second detector (CenterNet) finds them when a "person" detection scores ≥ FOUND_SCORE with box
//   IoU ≥ MATCH_IOU, the rule already used for COCO-SSD;
// - the pose model (MoveNet, on a crop around their box) finds them when at least POSE_MIN_KEYPOINTS of
//   its 17 keypoints score ≥ POSE_KEYPOINT_SCORE and land inside their box;
// - the face detector (BlazeFace, on their head region) finds a face at score ≥ FOUND_SCORE; a face after
//   hiding counts as the same face when its box has IoU ≥ MATCH_IOU with one found in the original.
import { boxIoU } from "../core/geometry.js";
import type { Box, Detection, RgbaImage } from "../core/types.js";
import type { Keypoint } from "../models/movenet.js";
import type { Observers } from "../models/observers.js";
import { FOUND_SCORE, MATCH_IOU } from "./match-people.js";

/** MoveNet's keypoint confidence taken as "placed" (the usual threshold for its keypoints, and human's default). */
export const POSE_KEYPOINT_SCORE = 0.3;
/**
 * Keypoints (of 17) that must be placed inside the person's box. 8 is a head and a torso (nose, eyes,
 * shoulders, hips) or a torso with legs: more than a detector's guess at a blob, fewer than a whole body,
 * since pedestrians are often cut by the frame or by each other. `npm run eval` prints how many keypoints
 * land in each labelled person's box in the originals (most people have well over 8) and how often the
 * rule is met on the same boxes moved onto empty street (rarely).
 */
export const POSE_MIN_KEYPOINTS = 8;

/** What the observers see of each person in one image. */
export interface Observation {
  /** Every object the second detector found in the whole image (score ≥ 0.1). */
  readonly objects: Detection[];
  /** Per person, MoveNet's 17 keypoints in the crop around their box. */
  readonly keypoints: Keypoint[][];
  /** Per person, the faces found in their head region at score ≥ FOUND_SCORE. */
  readonly faces: Detection[][];
}

/** Runs every observer on `image` for the given person boxes (same pixel coordinates as `image`). */
export async function observe(observers: Observers, image: RgbaImage, boxes: readonly Box[]): Promise<Observation> {
  const objects = await observers.objects.detect(image);
  const keypoints = boxes.length ? await observers.pose.poses(image, boxes) : [];
  const faces = boxes.length ? await observers.faces.faces(image, boxes) : [];
  return { objects, keypoints, faces: faces.map((list) => list.filter((f) => f.score >= FOUND_SCORE)) };
}

/** Whatever runs the observers, here or in a worker (browser/observer-client.ts): all a check asks of them. */
export interface ObserverRunner {
  observe(image: RgbaImage, boxes: readonly Box[], options?: { signal?: AbortSignal }): Promise<Observation>;
}

/** The observers loaded in this thread, as a runner. */
export function localObservers(observers: Observers): ObserverRunner {
  return { observe: (image, boxes) => observe(observers, image, boxes) };
}

/** Whether a detector's findings include this person: "person", score ≥ FOUND_SCORE, IoU ≥ MATCH_IOU. */
export function detectorFinds(detections: readonly Detection[], box: Box): boolean {
  return personScore(detections, box) >= FOUND_SCORE;
}

/** The detector's best "person" score on a box overlapping this one with IoU ≥ MATCH_IOU (0 if none). */
export function personScore(detections: readonly Detection[], box: Box): number {
  let best = 0;
  for (const d of detections)
    if (d.label === "person" && d.score > best && boxIoU(d.box, box) >= MATCH_IOU) best = d.score;
  return best;
}

/** Keypoints placed (score ≥ POSE_KEYPOINT_SCORE) inside the box. */
export function keypointsInBox(keypoints: readonly Keypoint[], box: Box): number {
  return keypoints.filter(
    (k) =>
      k.score >= POSE_KEYPOINT_SCORE &&
      k.x >= box.x &&
      k.x <= box.x + box.width &&
      k.y >= box.y &&
      k.y <= box.y + box.height,
  ).length;
}

export function poseFinds(keypoints: readonly Keypoint[], box: Box): boolean {
  return keypointsInBox(keypoints, box) >= POSE_MIN_KEYPOINTS;
}

/** Faces of `before` that `after` finds again (a face at IoU ≥ MATCH_IOU). */
export function facesFoundAgain(before: readonly Detection[], after: readonly Detection[]): Detection[] {
  return before.filter((face) => after.some((f) => boxIoU(f.box, face.box) >= MATCH_IOU));
}

/** Per person, which observers find them in one image. */
export interface PersonFound {
  readonly objects: boolean;
  /** The second detector's best "person" score in their place (see personScore). */
  readonly objectScore: number;
  readonly pose: boolean;
  /** Keypoints placed inside their box (the pose rule needs POSE_MIN_KEYPOINTS). */
  readonly keypoints: number;
  /** Faces found in their head region. */
  readonly faces: number;
}

export function peopleFoundBy(observation: Observation, boxes: readonly Box[]): PersonFound[] {
  return boxes.map((box, k) => {
    const objectScore = personScore(observation.objects, box);
    const keypoints = keypointsInBox(observation.keypoints[k] ?? [], box);
    return {
      objects: objectScore >= FOUND_SCORE,
      objectScore,
      pose: keypoints >= POSE_MIN_KEYPOINTS,
      keypoints,
      faces: observation.faces[k]?.length ?? 0,
    };
  });
}

/** One person's verdicts before and after hiding, as the site's privacy check shows them. */
export interface ObserverCheck {
  readonly box: Box;
  readonly before: PersonFound;
  /** After hiding; `faces` counts only faces found again where they were. */
  readonly after: PersonFound;
}

/**
 * Runs the observers on the original and on the hidden image (same size) and reports per person who
 * still finds them. For the site: `boxes` are the people COCO-SSD found in the original.
 */
export async function checkObservers(
  observers: ObserverRunner,
  original: RgbaImage,
  hidden: RgbaImage,
  boxes: readonly Box[],
): Promise<ObserverCheck[]> {
  if (original.width !== hidden.width || original.height !== hidden.height) {
    throw new RangeError(
      `the hidden image is ${hidden.width}×${hidden.height} but the original is ${original.width}×${original.height}`,
    );
  }
  const before = await observers.observe(original, boxes);
  const after = await observers.observe(hidden, boxes);
  return compareObservations(before, after, boxes);
}

/** Pure part of checkObservers. */
export function compareObservations(before: Observation, after: Observation, boxes: readonly Box[]): ObserverCheck[] {
  const was = peopleFoundBy(before, boxes);
  const now = peopleFoundBy(after, boxes);
  return boxes.map((box, k) => ({
    box,
    before: was[k]!,
    after: { ...now[k]!, faces: facesFoundAgain(before.faces[k] ?? [], after.faces[k] ?? []).length },
  }));
}
