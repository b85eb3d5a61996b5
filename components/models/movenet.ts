// Pose observer: MoveNet SinglePose Lightning (Google, 17 COCO keypoints), run top-down on a square crop
// around each person's box, as a pose model is normally run after a person detector. Told where to look,
// it is a demanding judge: it only has to see a body in the right place, not find it in the whole photo.
// Weights and graph from @vladmandic/human's models/movenet-lightning.json; pre- and post-processing
// follow that library's src/body/movenet.ts and movenetfix.ts (square input, int32 RGB 0–255 at 192×192,
// output [1, 1, 17, 3] as y, x, score normalised to the input).
import * as tf from "@tensorflow/tfjs";
import type { Box, RgbaImage } from "../core/types.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";
import { cropSquares, squareAt } from "./square-crops.js";

export const MOVENET_JSON = "human/movenet-lightning.json";
const INPUT_SIZE = 192;
/** The crop is this many times the box's longer side, so limbs at the box's edge stay in view. */
export const POSE_CROP_SCALE = 1.25;

export const KEYPOINT_NAMES: readonly string[] = [
  "nose",
  "left eye",
  "right eye",
  "left ear",
  "right ear",
  "left shoulder",
  "right shoulder",
  "left elbow",
  "right elbow",
  "left wrist",
  "right wrist",
  "left hip",
  "right hip",
  "left knee",
  "right knee",
  "left ankle",
  "right ankle",
];

export interface Keypoint {
  readonly part: string;
  /** Position in the image's pixel coordinates. */
  readonly x: number;
  readonly y: number;
  readonly score: number;
}

export interface PoseObserver {
  /** For each box, the 17 keypoints MoveNet places in a square crop around it (all of them, any score). */
  poses(image: RgbaImage, boxes: readonly Box[]): Promise<Keypoint[][]>;
  /** Model runs so far (one per box). */
  readonly runs: number;
  dispose(): void;
}

export async function loadMoveNet(source: ModelSource, onProgress?: ProgressCallback): Promise<PoseObserver> {
  const model = await loadingModel("The pose model (MoveNet)", () =>
    tf.loadGraphModel(modelHandler(source, MOVENET_JSON, onProgress)),
  );
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    async poses(image, boxes) {
      const results: Keypoint[][] = [];
      for (const box of boxes) {
        const region = squareAt(
          box.x + box.width / 2,
          box.y + box.height / 2,
          POSE_CROP_SCALE * Math.max(box.width, box.height, 1),
        );
        runs++;
        const output = tf.tidy(
          () => model.execute(tf.cast(cropSquares(image, [region], INPUT_SIZE), "int32")) as tf.Tensor,
        );
        const rows = ((await output.array()) as number[][][][])[0]![0]!;
        output.dispose();
        results.push(
          rows.map(([y, x, score], k) => ({
            part: KEYPOINT_NAMES[k] ?? `keypoint ${k}`,
            x: region.x + x! * region.width,
            y: region.y + y! * region.height,
            score: score!,
          })),
        );
      }
      return results;
    },
    dispose: () => model.dispose(),
  };
}
