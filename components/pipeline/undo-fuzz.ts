// The attack on fuzz, run on a photo: hide the people with fuzz, undo it knowing the seed and the mask
// (core/unfuzz.ts), and ask the detector about both.
import { fuzz } from "../core/fuzz.js";
import type { Detection, Mask, RgbaImage } from "../core/types.js";
import { unfuzz } from "../core/unfuzz.js";
import type { PersonDetector } from "../models/detector.js";
import { checkPrivacy } from "./check-privacy.js";
import type { PrivacyCheck } from "./match-people.js";
import type { PreparedImage } from "./stages.js";

export interface UndoneFuzz {
  readonly radius: number;
  readonly seed: number;
  readonly fuzzed: RgbaImage;
  readonly undone: RgbaImage;
  /** Share of the hidden pixels put back exactly. */
  readonly restoredShare: number;
  readonly afterFuzz: PrivacyCheck;
  readonly afterUndo: PrivacyCheck;
}

export async function undoFuzz(
  models: { readonly detector: PersonDetector },
  prepared: PreparedImage,
  detections: readonly Detection[],
  mask: Mask,
  { radius, seed }: { radius: number; seed: number },
): Promise<UndoneFuzz> {
  const fuzzed = fuzz(prepared.full, mask, { radius, seed });
  const { image: undone, restoredShare } = unfuzz(fuzzed, mask, { radius, seed });
  const afterFuzz = await checkPrivacy(models, prepared, detections, fuzzed);
  const afterUndo = await checkPrivacy(models, prepared, detections, undone);
  return { radius, seed, fuzzed, undone, restoredShare, afterFuzz, afterUndo };
}
