// Segmentation as an Observable cell's generator: a pending stage at once (so the page can show a fail-closed
// provisional result while BodyPix runs), then the complete stage.
import type { SegmentationStage } from "../pipeline/stages.js";

export interface SegmentationStep extends SegmentationStage {
  /** False for the pending stage (no regions yet). */
  readonly complete: boolean;
  /** Its stages were computed when the site was built. */
  readonly built?: boolean;
}

/** `work` (already started) as two values: pending at once, then complete. */
export async function* segmentInSteps(
  mode: SegmentationStage["mode"],
  work: Promise<SegmentationStage>,
): AsyncGenerator<SegmentationStep, void> {
  // Awaited only after the first value is taken, and never if the cell is invalidated first.
  work.catch(() => {});
  yield { mode, regions: [], ms: 0, complete: false };
  yield { ...(await work), complete: true };
}
