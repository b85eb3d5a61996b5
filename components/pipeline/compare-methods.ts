// Every obfuscation method on the same mask, at the same strength: who the detector still finds after each,
// and how much each changes the photo. The privacy page shows them side by side and as a trade-off.
import { changedPixels, colourChangeInside } from "../core/image.js";
import { OBFUSCATION_METHOD_IDS, OBFUSCATION_METHODS, type ObfuscationMethod, obfuscate } from "../core/obfuscate.js";
import type { Detection, Mask, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import { checkPrivacy } from "./check-privacy.js";
import type { PrivacyCheck } from "./match-people.js";
import type { PreparedImage } from "./stages.js";

export interface MethodResult {
  readonly method: ObfuscationMethod;
  readonly label: string;
  readonly image: RgbaImage;
  readonly check: PrivacyCheck;
  /** Share of the whole photo's pixels that differ from the original. */
  readonly changedShare: number;
  /** Mean absolute RGB change inside the mask, 0–1. */
  readonly colourChange: number;
}

export interface CompareOptions {
  readonly radius: number;
  readonly seed: number;
  /** A result already made with these settings (the page's own), so its detector run is not repeated. */
  readonly known?: { readonly method: ObfuscationMethod; readonly image: RgbaImage; readonly check: PrivacyCheck };
}

/** The results so far, in display order: first none, then one more after each method's detector run. */
export async function* compareMethods(
  models: { readonly detector: PersonDetector },
  prepared: PreparedImage,
  detections: readonly Detection[],
  mask: Mask,
  { radius, seed, known }: CompareOptions,
): AsyncGenerator<readonly MethodResult[]> {
  const original = prepared.full;
  const results: MethodResult[] = [];
  yield [];
  for (const method of OBFUSCATION_METHOD_IDS) {
    const image = method === known?.method ? known.image : obfuscate(original, mask, { method, radius, seed });
    const check = method === known?.method ? known.check : await checkPrivacy(models, prepared, detections, image);
    results.push({
      method,
      label: OBFUSCATION_METHODS[method].label,
      image,
      check,
      changedShare: changedPixels(original, image) / (original.width * original.height),
      colourChange: colourChangeInside(original, image, mask),
    });
    yield [...results];
  }
}
