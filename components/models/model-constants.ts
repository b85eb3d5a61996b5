// The models' fixed limits, without tfjs: settings, stages and the pixel worker read them without loading a
// network library. The adapters (detector.ts, segmenter.ts) apply them.

/** Detections below this score are dropped by the model itself; the score slider cannot go lower. */
export const DETECTION_FLOOR = 0.1;

/**
 * Multi-person masks are decoded once at this threshold. BodyPix assigns each foreground pixel to a person
 * by its own offsets, whatever the threshold, so a mask at any higher threshold is this one ∩ (p ≥ t).
 */
export const SEGMENTATION_FLOOR = 0.1;

/** BodyPix's names for how far the image is scaled before inference: 25%, 50%, 75%, 100%. */
export type InternalResolution = "low" | "medium" | "high" | "full";
export const INTERNAL_RESOLUTIONS: Record<InternalResolution, number> = { low: 0.25, medium: 0.5, high: 0.75, full: 1 };
