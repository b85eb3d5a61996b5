// COCO-SSD behind a small interface: every detection is kept with its score, so the score threshold and
// the people limit are applied later, without running the model again.
import * as cocoSsdModule from "@tensorflow-models/coco-ssd";
import type { Detection, RgbaImage } from "../core/types.js";
import { imageTensor } from "./image-tensor.js";
import { DETECTION_FLOOR } from "./model-constants.js";
import { loadingModel, type ModelSource, modelHandler, type ProgressCallback } from "./model-source.js";

export const DETECTOR_JSON = "coco-ssd/lite_mobilenet_v2/model.json";
const MAX_DETECTIONS = 50;

export interface PersonDetector {
  /** All objects found (every class), in the image's pixel coordinates, highest score first. */
  detect(image: RgbaImage): Promise<Detection[]>;
  /** How many times the model has run: lets pages and tests check that a change did not re-run it. */
  readonly runs: number;
  dispose(): void;
}

// Bundled as UMD in the browser, coco-ssd's namespace only has `default`.
const cocoSsd = (cocoSsdModule as unknown as { default?: typeof cocoSsdModule }).default ?? cocoSsdModule;

export async function loadDetector(source: ModelSource, onProgress?: ProgressCallback): Promise<PersonDetector> {
  const model = await loadingModel("The person detector (COCO-SSD)", () =>
    cocoSsd.load({
      base: "lite_mobilenet_v2",
      // coco-ssd passes modelUrl straight to loadGraphModel, which also takes an IOHandler.
      modelUrl: modelHandler(source, DETECTOR_JSON, onProgress) as unknown as string,
    }),
  );
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    async detect(image) {
      const input = imageTensor(image);
      try {
        runs++;
        const found = await model.detect(input, MAX_DETECTIONS, DETECTION_FLOOR);
        return found
          .map(({ bbox: [x, y, width, height], class: label, score }) => ({
            box: { x, y, width, height },
            label,
            score,
          }))
          .sort((a, b) => b.score - a.score);
      } finally {
        input.dispose();
      }
    },
    dispose: () => model.dispose(),
  };
}
