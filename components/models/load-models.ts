// Loads both models from one source, reporting progress as one fraction (the page's loader and the model
// worker share it).
import { loadDetector, type PersonDetector } from "./detector.js";
import type { ModelSource, ProgressCallback } from "./model-source.js";
import { loadSegmenter, type PersonSegmenter } from "./segmenter.js";

// Shares of the download, by weight size: COCO-SSD is 18.6 MB, BodyPix 2.7 MB.
const DETECTOR_SHARE = 0.87;

export async function loadBothModels(
  source: ModelSource,
  onProgress: ProgressCallback = () => {},
): Promise<{ detector: PersonDetector; segmenter: PersonSegmenter }> {
  const detector = await loadDetector(source, (f) => onProgress(f * DETECTOR_SHARE));
  const segmenter = await loadSegmenter(source, (f) => onProgress(DETECTOR_SHARE + f * (1 - DETECTOR_SHARE)));
  onProgress(1);
  return { detector, segmenter };
}
