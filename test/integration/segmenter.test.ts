// Multi-person segmentation runs BodyPix once: its people, boxes and probabilities equal those of the
// two-pass version it replaced (BodyPix's own segmentMultiPerson for the people, a second run for the
// probabilities), on every shipped sample.
import * as tf from "@tensorflow/tfjs";
import * as bodyPix from "@tensorflow-models/body-pix";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProbabilityMap, RgbaImage } from "../../components/core/types.js";
import { imageTensor } from "../../components/models/image-tensor.js";
import { INTERNAL_RESOLUTIONS, SEGMENTATION_FLOOR } from "../../components/models/model-limits.js";
import { modelHandler } from "../../components/models/model-source.js";
import { SEGMENTER_JSON } from "../../components/models/segmenter.js";
import { diskModelSource } from "../../components/node/model-source.js";
import type { Models } from "../../components/pipeline/run.js";
import { prepareImage } from "../../components/pipeline/stages.js";
import { loadModels, readSample } from "./models.js";

const SAMPLES = ["street-group.jpg", "street-walker.jpg", "astronaut.png", "camera.png"];

let models: Models;
let reference: bodyPix.BodyPix;
beforeAll(async () => {
  models = await loadModels();
  reference = await bodyPix.load({
    architecture: "MobileNetV1",
    outputStride: 16,
    multiplier: 0.75,
    quantBytes: 2,
    modelUrl: modelHandler(diskModelSource("data/models"), SEGMENTER_JSON) as unknown as string,
  });
});

/** The probabilities as the two-pass version computed them: a network run of their own. */
async function twoPassProbabilities(image: RgbaImage, scale: number): Promise<ProbabilityMap> {
  const input = imageTensor(image);
  const { width, height } = image;
  const valid = (side: number) => Math.max(17, (side - 1) % 16 === 0 ? side : Math.floor(side / 16) * 16 + 1);
  const probabilities = tf.tidy(() => {
    const target: [number, number] = [valid(height * scale), valid(width * scale)];
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
    const logits = reference.baseModel.predict(resized).segmentation;
    const padding: [[number, number], [number, number]] = [
      [padY, padY],
      [padX, padX],
    ];
    return bodyPix.scaleAndCropToInputTensorShape(logits, [height, width], target, padding, true);
  });
  input.dispose();
  const data = (await probabilities.data()) as Float32Array;
  probabilities.dispose();
  return { width, height, data };
}

/** The two-pass version's people: BodyPix's segmentMultiPerson masks, with the separately computed probabilities. */
async function twoPassPeople(image: RgbaImage) {
  const probabilities = await twoPassProbabilities(image, INTERNAL_RESOLUTIONS.full);
  const input = imageTensor(image);
  const people = await reference.segmentMultiPerson(input, {
    internalResolution: "full",
    segmentationThreshold: SEGMENTATION_FLOOR,
    maxDetections: 20,
    scoreThreshold: 0.2,
    nmsRadius: 20,
    minKeypointScore: 0.3,
    refineSteps: 10,
  });
  input.dispose();
  // Brute force: each person's box is the bounds of their pixels, their probabilities 0 elsewhere in it.
  return people.map(({ data, pose }) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
    data.forEach((member, i) => {
      if (!member) return;
      const x = i % image.width;
      const y = Math.floor(i / image.width);
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    });
    const box = { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
    const inside = new Float32Array(box.width * box.height);
    for (let y = 0; y < box.height; y++)
      for (let x = 0; x < box.width; x++) {
        const i = (y + y0) * image.width + x + x0;
        inside[y * box.width + x] = data[i] ? probabilities.data[i]! : 0;
      }
    return { box, probabilities: inside, score: pose.score, pixels: data.reduce((n, v) => n + v, 0) };
  });
}

describe("multi-person segmentation", () => {
  it.each(SAMPLES)("%s: one network run gives the two-pass version's people, boxes and probabilities", async (name) => {
    const { inference } = prepareImage(await readSample(name));
    const runs = models.segmenter.runs;
    const people = await models.segmenter.multiPerson(inference, "full", 20);
    expect(models.segmenter.runs - runs, "network runs").toBe(1);

    const expected = (await twoPassPeople(inference)).filter((p) => p.pixels > 0);
    expect(people.map((p) => p.box)).toEqual(expected.map((p) => p.box));
    for (const [i, person] of people.entries()) {
      expect(person.score).toBeCloseTo(expected[i]!.score, 5);
      const want = expected[i]!.probabilities;
      let worst = 0;
      for (let j = 0; j < want.length; j++) worst = Math.max(worst, Math.abs(person.probabilities.data[j]! - want[j]!));
      expect(worst, `largest probability difference, person ${i}`).toBeLessThan(1e-5);
    }
    if (name.startsWith("street")) expect(people.length).toBeGreaterThan(1);
  });
});
