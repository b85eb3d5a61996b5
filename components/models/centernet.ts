// Second object detector, an observer that plays no part in choosing the mask: CenterNet on a MobileNetV3
// backbone (MB3-CenterNet, COCO classes), an anchor-free detector that finds objects as heat-map peaks,
// unlike COCO-SSD's anchor boxes. Weights and graph from @vladmandic/human's models/centernet.json; the
// pre- and post-processing follow that library's src/object/centernet.ts (stretch to 512×512, RGB 0–255,
// output rows x1, y1, x2, y2 in input pixels, score, class index; non-maximum suppression across classes).
import * as tf from "@tensorflow/tfjs";
import type { Detection, RgbaImage } from "../core/types.js";
import { imageTensor } from "./image-tensor.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";

export const CENTERNET_JSON = "human/centernet.json";
const INPUT_SIZE = 512;
const OUTPUT_NODE = "tower_0/detections";
/** Same floor as COCO-SSD's, so both observers are read with the same thresholds later. */
const SCORE_FLOOR = 0.1;
const NMS_IOU = 0.4; // human's default for this model
const MAX_DETECTIONS = 50;

/** COCO's 80 classes in the model's index order (COCO-SSD's names, so labels compare across detectors). */
export const COCO_LABELS: readonly string[] = [
  "person",
  "bicycle",
  "car",
  "motorcycle",
  "airplane",
  "bus",
  "train",
  "truck",
  "boat",
  "traffic light",
  "fire hydrant",
  "stop sign",
  "parking meter",
  "bench",
  "bird",
  "cat",
  "dog",
  "horse",
  "sheep",
  "cow",
  "elephant",
  "bear",
  "zebra",
  "giraffe",
  "backpack",
  "umbrella",
  "handbag",
  "tie",
  "suitcase",
  "frisbee",
  "skis",
  "snowboard",
  "sports ball",
  "kite",
  "baseball bat",
  "baseball glove",
  "skateboard",
  "surfboard",
  "tennis racket",
  "bottle",
  "wine glass",
  "cup",
  "fork",
  "knife",
  "spoon",
  "bowl",
  "banana",
  "apple",
  "sandwich",
  "orange",
  "broccoli",
  "carrot",
  "hot dog",
  "pizza",
  "donut",
  "cake",
  "chair",
  "couch",
  "potted plant",
  "bed",
  "dining table",
  "toilet",
  "tv",
  "laptop",
  "mouse",
  "remote",
  "keyboard",
  "cell phone",
  "microwave",
  "oven",
  "toaster",
  "sink",
  "refrigerator",
  "book",
  "clock",
  "vase",
  "scissors",
  "teddy bear",
  "hair drier",
  "toothbrush",
];

export interface ObjectObserver {
  /** Objects found (every class, score ≥ 0.1), in the image's pixel coordinates, highest score first. */
  detect(image: RgbaImage): Promise<Detection[]>;
  readonly runs: number;
  dispose(): void;
}

export async function loadCenterNet(source: ModelSource, onProgress?: ProgressCallback): Promise<ObjectObserver> {
  const model = await loadingModel("The second object detector (CenterNet)", () =>
    tf.loadGraphModel(modelHandler(source, CENTERNET_JSON, onProgress)),
  );
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    async detect(image) {
      const { width, height } = image;
      runs++;
      const output = tf.tidy(() => {
        const input = tf.image.resizeBilinear(tf.cast(imageTensor(image), "float32"), [INPUT_SIZE, INPUT_SIZE]);
        return model.execute(tf.expandDims(input, 0), [OUTPUT_NODE]) as tf.Tensor;
      });
      try {
        const rows = ((await output.array()) as number[][][])[0] ?? [];
        const kept = await suppress(rows);
        const sx = width / INPUT_SIZE,
          sy = height / INPUT_SIZE;
        return kept
          .map(([x1, y1, x2, y2, score, index]) => ({
            box: { x: x1! * sx, y: y1! * sy, width: (x2! - x1!) * sx, height: (y2! - y1!) * sy },
            score: score!,
            label: COCO_LABELS[index!] ?? `class ${index}`,
          }))
          .sort((a, b) => b.score - a.score);
      } finally {
        output.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}

async function suppress(rows: number[][]): Promise<number[][]> {
  const valid = rows.filter((r) => r.length === 6 && r.every(Number.isFinite) && r[4]! >= SCORE_FLOOR);
  if (valid.length === 0) return [];
  const boxes = tf.tensor2d(valid.map(([x1, y1, x2, y2]) => [y1!, x1!, y2!, x2!]));
  const scores = tf.tensor1d(valid.map((r) => r[4]!));
  try {
    const keep = await tf.image.nonMaxSuppressionAsync(boxes, scores, MAX_DETECTIONS, NMS_IOU, SCORE_FLOOR);
    const indices = await keep.data();
    keep.dispose();
    return Array.from(indices, (i) => valid[i]!);
  } finally {
    boxes.dispose();
    scores.dispose();
  }
}
