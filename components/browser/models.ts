// Loads both models in the browser from the site's own files, reporting progress as one fraction.
import { loadDetector } from "../models/detector.js";
import { loadSegmenter } from "../models/segmenter.js";
import type { Models } from "../pipeline/run.js";
import { type BackendName, selectBackend } from "./backend.js";
import { browserModelSource } from "./model-files.js";

export interface LoadedModels extends Models {
  /** The tfjs backend actually in use (another one if the requested one failed). */
  readonly backend: string;
}

// Shares of the download, by weight size: COCO-SSD is 18.6 MB, BodyPix 2.7 MB.
const DETECTOR_SHARE = 0.87;

export async function loadModels(
  backend: BackendName,
  onProgress: (fraction: number) => void = () => {},
): Promise<LoadedModels> {
  const active = await selectBackend(backend);
  const detector = await loadDetector(browserModelSource, (f) => onProgress(f * DETECTOR_SHARE));
  const segmenter = await loadSegmenter(browserModelSource, (f) =>
    onProgress(DETECTOR_SHARE + f * (1 - DETECTOR_SHARE)),
  );
  onProgress(1);
  return { detector, segmenter, backend: active };
}
