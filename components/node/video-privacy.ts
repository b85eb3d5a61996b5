// Does a hidden video still show anyone? Both files are decoded frame by frame and each frame checked
// (pipeline/frame-privacy.ts).
import type { PersonDetector } from "../models/detector.js";
import { type ClipPrivacy, checkFrame, type FramePrivacy, summarise } from "../pipeline/frame-privacy.js";
import { probeVideo, readVideoFrames } from "./video-file.js";

/** Checks every frame of `hiddenPath` against the same frame of `originalPath`; both must have as many frames. */
export async function clipPrivacy(
  detector: PersonDetector,
  originalPath: string,
  hiddenPath: string,
): Promise<ClipPrivacy> {
  const [originalInfo, hiddenInfo] = await Promise.all([probeVideo(originalPath), probeVideo(hiddenPath)]);
  const originals = readVideoFrames(originalPath, originalInfo);
  const hiddens = readVideoFrames(hiddenPath, hiddenInfo);
  const perFrame: FramePrivacy[] = [];
  try {
    for (let index = 0; ; index++) {
      const [a, b] = await Promise.all([originals.next(), hiddens.next()]);
      if (a.done || b.done) {
        if (!a.done || !b.done) throw new Error(`${hiddenPath} and ${originalPath} differ in length at frame ${index}`);
        break;
      }
      perFrame.push({ index, people: await checkFrame(detector, a.value, b.value) });
    }
  } finally {
    await Promise.all([originals.return(undefined), hiddens.return(undefined)]);
  }
  return summarise(perFrame);
}
