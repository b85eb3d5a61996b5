import type { InternalResolution } from "../models/model-limits.js";
import { SEGMENTATION_MODES, type SegmentationMode } from "./settings.js";
import type { SegmentationStage } from "./stages.js";

/** segmentPeople on one photo and detection, wherever it runs (e.g. a page's model worker). */
export type Segment = (settings: {
  mode: SegmentationMode;
  internalResolution: InternalResolution;
}) => Promise<SegmentationStage>;

/**
 * Runs segmentation once in each mode, one after the other so each time is measured alone. Pages that show
 * or compare all modes call this once per photo; picking a mode afterwards runs no model. An untimed
 * multi-person run comes first: TensorFlow.js sets up each new input size on its first run, and that
 * one-off cost would otherwise be charged to whichever mode happened to see the whole photo first.
 */
export async function segmentEveryMode(
  segment: Segment,
  { internalResolution }: { internalResolution: InternalResolution },
): Promise<Record<SegmentationMode, SegmentationStage>> {
  await segment({ mode: "multi", internalResolution });
  const stages: Partial<Record<SegmentationMode, SegmentationStage>> = {};
  for (const mode of SEGMENTATION_MODES) stages[mode] = await segment({ mode, internalResolution });
  return stages as Record<SegmentationMode, SegmentationStage>;
}
