import type { InternalResolution } from "../models/model-limits.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import { SEGMENTATION_MODES, type SegmentationMode } from "./settings.js";
import { type DetectionStage, type PreparedImage, type SegmentationStage, segmentPeople } from "./stages.js";

/**
 * Runs segmentation once in each mode, one after the other so each time is measured alone. Pages that show
 * or compare all modes call this once per photo; picking a mode afterwards runs no model. An untimed
 * multi-person run comes first: TensorFlow.js sets up each new input size on its first run, and that
 * one-off cost would otherwise be charged to whichever mode happened to see the whole photo first.
 */
export async function segmentEveryMode(
  segmenter: PersonSegmenter,
  prepared: PreparedImage,
  detection: DetectionStage,
  { internalResolution }: { internalResolution: InternalResolution },
): Promise<Record<SegmentationMode, SegmentationStage>> {
  await segmentPeople(segmenter, prepared, detection, { mode: "multi", internalResolution });
  const stages: Partial<Record<SegmentationMode, SegmentationStage>> = {};
  for (const mode of SEGMENTATION_MODES)
    stages[mode] = await segmentPeople(segmenter, prepared, detection, { mode, internalResolution });
  return stages as Record<SegmentationMode, SegmentationStage>;
}
