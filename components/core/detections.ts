// Picking the detections worth segmenting: people only, confident enough, best first, bounded.
import type { Detection } from "./types.js";

export interface SelectPeopleOptions {
  /** Lowest score kept, in [0, 1]. Default 0.5. */
  minScore?: number;
  /** Most detections returned; bounds the segmentation work per photo. Default 20. */
  maxPeople?: number;
  /** Detector label to keep. Default "person". */
  label?: string;
}

/**
 * Detections whose label equals `label` and whose score is ≥ minScore, by score descending
 * (ties keep input order), at most maxPeople. The input array is not modified.
 */
export function selectPeople(detections: readonly Detection[], options: SelectPeopleOptions = {}): Detection[] {
  const { minScore = 0.5, maxPeople = 20, label = "person" } = options;
  if (!Array.isArray(detections)) throw new TypeError(`detections must be an array, got ${typeof detections}`);
  if (typeof minScore !== "number" || !(minScore >= 0 && minScore <= 1)) {
    throw new RangeError(`minScore must be a number in [0, 1], got ${minScore}`);
  }
  if (!Number.isInteger(maxPeople) || maxPeople < 0) {
    throw new RangeError(`maxPeople must be a non-negative integer, got ${maxPeople}`);
  }
  if (typeof label !== "string") throw new TypeError(`label must be a string, got ${typeof label}`);
  return detections
    .filter((d) => d.label === label && d.score >= minScore) // NaN scores drop out here
    .sort((a, b) => b.score - a.score) // Array.prototype.sort is stable
    .slice(0, maxPeople);
}
