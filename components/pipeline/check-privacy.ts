// Does the detector still see the people after they were hidden? Runs the detector again on the hidden
// image and matches what it finds against the people it found in the original (match-people.ts).
import { scaleBox } from "../core/geometry.js";
import type { Detection, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import { matchPeople, type PrivacyCheck } from "./match-people.js";
import { type PreparedImage, prepareImage } from "./stages.js";

/**
 * Re-runs the detector on `obfuscated` and reports, for each person found in the original (`detections`,
 * full-resolution boxes as from detectObjects), whether they are still found. `obfuscated` is either the
 * full-size result or one the size of `prepared.inference` (then boxes are scaled up to compare).
 */
export async function checkPrivacy(
  models: { readonly detector: Pick<PersonDetector, "detect"> },
  prepared: PreparedImage,
  detections: readonly Detection[],
  obfuscated: RgbaImage,
): Promise<PrivacyCheck> {
  const { full, inference } = prepared;
  let after: Detection[];
  if (obfuscated.width === full.width && obfuscated.height === full.height) {
    const again = prepareImage(obfuscated, Math.max(inference.width, inference.height));
    after = (await models.detector.detect(again.inference)).map((d) => toFull(d, again.scale));
  } else if (obfuscated.width === inference.width && obfuscated.height === inference.height) {
    after = (await models.detector.detect(obfuscated)).map((d) => toFull(d, prepared.scale));
  } else {
    throw new RangeError(
      `the obfuscated image is ${obfuscated.width}×${obfuscated.height}; expected the photo's ${full.width}×${full.height} or its inference size ${inference.width}×${inference.height}`,
    );
  }
  return matchPeople(detections, after);
}

function toFull(d: Detection, scale: number): Detection {
  return scale === 1 ? d : { ...d, box: scaleBox(d.box, 1 / scale, 1 / scale) };
}
