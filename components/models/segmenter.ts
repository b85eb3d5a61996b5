// BodyPix behind a small interface that returns probabilities rather than BodyPix's thresholded masks, so
// the segmentation threshold can move without running the model again.

import * as tf from "@tensorflow/tfjs";
import * as bodyPix from "@tensorflow-models/body-pix";
import type { Box, ProbabilityMap, RgbaImage } from "../core/types.js";
import { imageTensor } from "./image-tensor.js";
import { INTERNAL_RESOLUTIONS, type InternalResolution, SEGMENTATION_FLOOR } from "./model-limits.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";

export const SEGMENTER_JSON = "bodypix/mobilenet/quant2/075/model-stride16.json";
const OUTPUT_STRIDE = 16;

// scripts/eval.ts names the type from here.
export type { InternalResolution } from "./model-limits.js";

/** One person found by multi-person segmentation: where they are, and their pixels' probabilities. */
export interface SegmentedPerson {
  /** Bounding box of the person's pixels in the image. */
  readonly box: Box;
  /** Person probability inside `box` (0 outside this person's own pixels). */
  readonly probabilities: ProbabilityMap;
  /** BodyPix's pose confidence for this person, in [0, 1]. */
  readonly score: number;
}

export interface PersonSegmenter {
  /** Probability that each pixel shows a person, same size as `image`. `scale` in (0, 2] as in BodyPix. */
  personProbabilities(image: RgbaImage, scale: number): Promise<ProbabilityMap>;
  /** Each person separately (BodyPix's multi-person decoding), with probabilities kept. */
  segmentPeople(image: RgbaImage, resolution: InternalResolution, maxPeople: number): Promise<SegmentedPerson[]>;
  /** Network runs so far (one per call of either method above). */
  readonly runs: number;
  dispose(): void;
}

export async function loadSegmenter(source: ModelSource, onProgress?: ProgressCallback): Promise<PersonSegmenter> {
  const model = await loadingModel("The person segmenter (BodyPix)", () =>
    bodyPix.load({
      architecture: "MobileNetV1",
      outputStride: OUTPUT_STRIDE,
      multiplier: 0.75,
      quantBytes: 2,
      modelUrl: modelHandler(source, SEGMENTER_JSON, onProgress) as unknown as string,
    }),
  );
  let runs = 0;

  async function probabilitiesOf(input: tf.Tensor3D, scale: number): Promise<ProbabilityMap> {
    const [height, width] = input.shape;
    const probabilities = tf.tidy(() => {
      // The same pre- and post-processing as BodyPix's segmentPersonActivation, minus its threshold.
      const target: [number, number] = [validResolution(height * scale), validResolution(width * scale)];
      const aspect = target[1] / target[0];
      const padX = width / height < aspect ? Math.round(0.5 * (aspect * height - width)) : 0;
      const padY = width / height < aspect ? 0 : Math.round(0.5 * (width / aspect - height));
      const resized = tf.image.resizeBilinear(
        tf.pad3d(input, [
          [padY, padY],
          [padX, padX],
          [0, 0],
        ]),
        target,
      );
      const logits = model.baseModel.predict(resized).segmentation;
      const padding: [[number, number], [number, number]] = [
        [padY, padY],
        [padX, padX],
      ];
      return bodyPix.scaleAndCropToInputTensorShape(logits, [height, width], target, padding, true);
    });
    try {
      runs++;
      return { width, height, data: (await probabilities.data()) as Float32Array };
    } finally {
      probabilities.dispose();
    }
  }

  return {
    get runs() {
      return runs;
    },
    async personProbabilities(image, scale) {
      if (!(scale > 0 && scale <= 2)) throw new RangeError(`scale must be in (0, 2], got ${scale}`);
      const input = imageTensor(image);
      try {
        return await probabilitiesOf(input, scale);
      } finally {
        input.dispose();
      }
    },
    async segmentPeople(image, resolution, maxPeople) {
      const input = imageTensor(image);
      try {
        const probabilities = await probabilitiesOf(input, INTERNAL_RESOLUTIONS[resolution]);
        runs++;
        const people = await model.segmentMultiPerson(input, {
          internalResolution: resolution,
          segmentationThreshold: SEGMENTATION_FLOOR,
          maxDetections: maxPeople,
          scoreThreshold: 0.2,
          nmsRadius: 20,
          minKeypointScore: 0.3,
          refineSteps: 10,
        });
        return people.flatMap(({ data, pose }) => {
          const person = cropToPerson(probabilities, data);
          return person ? [{ ...person, score: pose.score }] : [];
        });
      } finally {
        input.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}

/** BodyPix wants sides of the form k * stride + 1 (as its toValidInputResolution); at least one stride. */
function validResolution(side: number): number {
  const valid =
    Number.isInteger(side) && (side - 1) % OUTPUT_STRIDE === 0
      ? side
      : Math.floor(side / OUTPUT_STRIDE) * OUTPUT_STRIDE + 1;
  return Math.max(valid, OUTPUT_STRIDE + 1);
}

/** The person's probabilities, cut to the bounding box of their pixels; undefined if they have none. */
function cropToPerson(all: ProbabilityMap, member: Uint8Array): Omit<SegmentedPerson, "score"> | undefined {
  const { width, height } = all;
  let x0 = width,
    y0 = height,
    x1 = -1,
    y1 = -1;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (member[i]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return undefined;
  const box = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  const data = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const i = (y + y0) * width + x + x0;
      data[y * box.width + x] = member[i] ? all.data[i]! : 0;
    }
  }
  return { box, probabilities: { width: box.width, height: box.height, data } };
}
