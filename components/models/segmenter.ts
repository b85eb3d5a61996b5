// BodyPix behind a small interface that returns probabilities rather than BodyPix's thresholded masks, so
// the segmentation threshold can move without running the model again.

import * as tf from "@tensorflow/tfjs";
import * as bodyPix from "@tensorflow-models/body-pix";
// BodyPix's own multi-person decoders, deep-imported so one network run serves both the probabilities and the
// people (its segmentMultiPerson runs the network itself). Framework bundles each module with tfjs external,
// so they share the page's (or worker's) tfjs instance; Node loads them as CommonJS.
import { decodePersonInstanceMasks } from "@tensorflow-models/body-pix/dist/multi_person/decode_instance_masks.js";
import { decodeMultiplePoses } from "@tensorflow-models/body-pix/dist/multi_person/decode_multiple_poses.js";
import { scaleAndFlipPoses } from "@tensorflow-models/body-pix/dist/util.js";
import type { Box, ProbabilityMap, RgbaImage } from "../core/types.js";
import { imageTensor } from "./image-tensor.js";
import { INTERNAL_RESOLUTIONS, type InternalResolution, SEGMENTATION_FLOOR } from "./model-limits.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";

export const SEGMENTER_JSON = "bodypix/mobilenet/quant2/075/model-stride16.json";
const OUTPUT_STRIDE = 16;

/** BodyPix's multi-person decoding settings (its defaults, except more people and a lower pose score). */
const MULTI_PERSON = { scoreThreshold: 0.2, nmsRadius: 20, minKeypointScore: 0.3, refineSteps: 10 };

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
  /** Each person separately (BodyPix's multi-person decoding), with probabilities kept: one network run. */
  multiPerson(image: RgbaImage, resolution: InternalResolution, maxPeople: number): Promise<SegmentedPerson[]>;
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

  /**
   * One network run, with the same pre- and post-processing as BodyPix's segmentPersonActivation and
   * segmentMultiPerson minus their threshold: the person probabilities at the input's size, and, when
   * `withPoses`, the outputs BodyPix's multi-person decoding reads, at the network's resolution.
   */
  function infer(input: tf.Tensor3D, scale: number, withPoses: boolean) {
    const [height, width] = input.shape;
    const target: [number, number] = [validResolution(height * scale), validResolution(width * scale)];
    // BodyPix's padAndResizeTo, spelled as it spells it so the padding is the same to the last bit.
    const aspect = target[1] / target[0];
    const padX = width / height < aspect ? Math.round(0.5 * (aspect * height - width)) : 0;
    const padY = width / height < aspect ? 0 : Math.round(0.5 * ((1.0 / aspect) * width - height));
    const tensors = tf.tidy(() => {
      const resized = tf.image.resizeBilinear(
        tf.pad3d(input, [
          [padY, padY],
          [padX, padX],
          [0, 0],
        ]),
        target,
      );
      const out = model.baseModel.predict(resized);
      const crop: [[number, number], [number, number]] = [
        [padY, padY],
        [padX, padX],
      ];
      const probabilities = bodyPix.scaleAndCropToInputTensorShape(
        out.segmentation,
        [height, width],
        target,
        crop,
        true,
      );
      const poses = [out.heatmapScores, out.offsets, out.displacementFwd, out.displacementBwd, out.longOffsets];
      return withPoses ? [probabilities, ...poses] : [probabilities];
    });
    runs++;
    return { tensors, target, padding: { top: padY, bottom: padY, left: padX, right: padX }, height, width };
  }

  async function probabilityMap(tensor: tf.Tensor, width: number, height: number): Promise<ProbabilityMap> {
    return { width, height, data: (await tensor.data()) as Float32Array };
  }

  return {
    get runs() {
      return runs;
    },
    async personProbabilities(image, scale) {
      if (!(scale > 0 && scale <= 2)) throw new RangeError(`scale must be in (0, 2], got ${scale}`);
      const input = imageTensor(image);
      const { tensors } = infer(input, scale, false);
      input.dispose();
      try {
        return await probabilityMap(tensors[0]!, image.width, image.height);
      } finally {
        tf.dispose(tensors);
      }
    },
    async multiPerson(image, resolution, maxPeople) {
      const input = imageTensor(image);
      const { tensors, target, padding, height, width } = infer(input, INTERNAL_RESOLUTIONS[resolution], true);
      input.dispose();
      const [probabilities, heatmapScores, offsets, displacementFwd, displacementBwd, longOffsets] = tensors as [
        tf.Tensor3D,
        tf.Tensor3D,
        tf.Tensor3D,
        tf.Tensor3D,
        tf.Tensor3D,
        tf.Tensor3D,
      ];
      const members = tf.tidy(() => tf.cast(tf.greater(tf.squeeze(probabilities), SEGMENTATION_FLOOR), "int32"));
      try {
        // From here on as BodyPix's segmentMultiPerson, with its decoders.
        const [scores, offsetsBuffer, forward, backward] = await Promise.all(
          [heatmapScores, offsets, displacementFwd, displacementBwd].map((t) => t.buffer()),
        );
        const found = decodeMultiplePoses(
          scores!,
          offsetsBuffer!,
          forward!,
          backward!,
          OUTPUT_STRIDE,
          maxPeople,
          MULTI_PERSON.scoreThreshold,
          MULTI_PERSON.nmsRadius,
        );
        const poses = scaleAndFlipPoses(found, [height, width], target, padding, false);
        const people = await decodePersonInstanceMasks(
          members as tf.Tensor2D,
          longOffsets,
          poses,
          height,
          width,
          OUTPUT_STRIDE,
          target,
          padding,
          MULTI_PERSON.scoreThreshold,
          MULTI_PERSON.refineSteps,
          MULTI_PERSON.minKeypointScore,
          maxPeople,
        );
        const all = await probabilityMap(probabilities, width, height);
        return people.flatMap(({ data, pose }) => {
          const person = cropToPerson(all, data);
          return person ? [{ ...person, score: pose.score }] : [];
        });
      } finally {
        tf.dispose([members, ...tensors]);
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
