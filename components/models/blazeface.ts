// Face observer: BlazeFace (Google MediaPipe; the back-camera variant, whose two anchor grids also find
// small faces), run on a square crop over the top of each person's box, where a head would be, so a
// pedestrian's face is large enough in the 256×256 input. Weights and graph from @vladmandic/human's
// models/blazeface.json; pre- and post-processing follow that library's src/face/blazeface.ts and
// facemeshutil.ts (RGB scaled to [−1, 1]; four outputs sorted by size and joined into 896 rows of a logit,
// a box offset from its anchor and 6 landmarks; anchors on 16- and 32-pixel grids, 2 and 6 per cell).
import * as tf from "@tensorflow/tfjs";
import { boxIoU } from "../core/geometry.js";
import type { Box, Detection, RgbaImage } from "../core/types.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";
import { cropSquares, squareAt } from "./square-crops.js";

export const BLAZEFACE_JSON = "human/blazeface.json";
const INPUT_SIZE = 256;
const SCORE_FLOOR = 0.1;
const NMS_IOU = 0.3;
const MAX_FACES = 5;

/**
 * The head crop of a person's box: a square as wide as the box (at least a quarter of its height, for
 * people seen side-on), centred on it horizontally, starting a tenth of its side above the box's top.
 */
export function headRegion(box: Box): Box {
  const side = Math.max(box.width, box.height / 4, 1);
  return squareAt(box.x + box.width / 2, box.y - side / 10 + side / 2, side);
}

export interface FaceObserver {
  /** For each box, the faces found in its head crop ("face", score ≥ 0.1), in image pixels, best first. */
  faces(image: RgbaImage, boxes: readonly Box[]): Promise<Detection[][]>;
  /** Model runs so far (one per box). */
  readonly runs: number;
  dispose(): void;
}

export async function loadBlazeFace(source: ModelSource, onProgress?: ProgressCallback): Promise<FaceObserver> {
  const model = await loadingModel("The face detector (BlazeFace)", () =>
    tf.loadGraphModel(modelHandler(source, BLAZEFACE_JSON, onProgress)),
  );
  const anchors = blazeFaceAnchors(INPUT_SIZE);
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    async faces(image, boxes) {
      const results: Detection[][] = [];
      for (const box of boxes) {
        const region = headRegion(box);
        runs++;
        const joined = tf.tidy(() => {
          const input = tf.sub(tf.div(cropSquares(image, [region], INPUT_SIZE), 127.5), 1);
          const outputs = (model.execute(input) as tf.Tensor[]).slice().sort((a, b) => a.size - b.size);
          const [score384, score512, rows384, rows512] = outputs as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
          return tf.concat([tf.concat([score512, rows512], 2), tf.concat([score384, rows384], 2)], 1);
        });
        const rows = ((await joined.array()) as number[][][])[0]!;
        joined.dispose();
        const scale = region.width / INPUT_SIZE;
        const found = rows
          .map((row, i): Detection => {
            const [ax, ay] = anchors[i]!;
            const cx = ax + row[1]!,
              cy = ay + row[2]!,
              w = row[3]!,
              h = row[4]!;
            return {
              box: {
                x: region.x + (cx - w / 2) * scale,
                y: region.y + (cy - h / 2) * scale,
                width: w * scale,
                height: h * scale,
              },
              score: 1 / (1 + Math.exp(-row[0]!)),
              label: "face",
            };
          })
          .filter((d) => d.score >= SCORE_FLOOR && d.box.width > 0 && d.box.height > 0)
          .sort((a, b) => b.score - a.score);
        results.push(greedySuppress(found));
      }
      return results;
    },
    dispose: () => model.dispose(),
  };
}

/** Anchor centres in input pixels, in the order of the joined rows (human's generateAnchors). */
function blazeFaceAnchors(inputSize: number): Array<[number, number]> {
  const anchors: Array<[number, number]> = [];
  for (const [stride, perCell] of [
    [inputSize / 16, 2],
    [inputSize / 8, 6],
  ] as const) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++)
      for (let gx = 0; gx < cells; gx++)
        for (let n = 0; n < perCell; n++) anchors.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
  }
  return anchors;
}

// Highest score first, dropping any face that overlaps a kept one; few candidates pass the floor.
function greedySuppress(sorted: readonly Detection[]): Detection[] {
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (kept.length === MAX_FACES) break;
    if (kept.every((k) => boxIoU(k.box, d.box) < NMS_IOU)) kept.push(d);
  }
  return kept;
}
