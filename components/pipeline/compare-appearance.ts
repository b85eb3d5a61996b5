// Which methods keep the colours of your clothes? Each person of the photo is described as the evaluation
// describes them (upper- and lower-body colour histograms, core/reid.ts) in the original and in each method's
// result, over the same pixels (their own mask); then each hidden person is matched back against everyone in
// the photo. The person with the most pixels is the example the page shows.
import { padBox, pasteProbabilities } from "../core/geometry.js";
import { maskArea, maskBounds, resizeProbabilities, thresholdProbabilities } from "../core/mask.js";
import { appearanceDescriptor, descriptorDistance, type MatchRank, matchRanks, rankAccuracy } from "../core/reid.js";
import type { Box, Mask, ProbabilityMap, RgbaImage } from "../core/types.js";
import type { PipelineSettings } from "./settings.js";
import type { MaskStage, PreparedImage } from "./stages.js";

export interface AppearanceEntry {
  /** The method's label, or "Original". */
  readonly label: string;
  readonly image: RgbaImage;
  /** The example person's descriptor in this image. */
  readonly descriptor: Float32Array;
  /** Its distance to their descriptor in the original: 0 for the same colours, one per body part sharing none. */
  readonly distance: number;
  /** Where the example person's own original falls among the photo's people, matched from this image. */
  readonly rank: MatchRank;
  /** Share of the photo's people matched back to their own original at rank 1 (ties broken at random). */
  readonly rank1: number;
}

export interface AppearanceComparison {
  /** People described (the gallery; chance of a match at rank 1 is one in this many). */
  readonly people: number;
  /** The example person: their index among the mask's people, and their padded box (photo pixels). */
  readonly subject: number;
  readonly box: Box;
  /** The original first, then each result in the order given. */
  readonly entries: AppearanceEntry[];
}

/** Each counted person's own mask at the photo's full size (their probabilities thresholded as the mask is). */
export function personMasks(
  prepared: PreparedImage,
  masks: Pick<MaskStage, "people">,
  { segmentationThreshold }: Pick<PipelineSettings, "segmentationThreshold">,
): Mask[] {
  const { inference, full } = prepared;
  return masks.people.map(({ region }) => {
    const map: ProbabilityMap = {
      width: inference.width,
      height: inference.height,
      data: new Float32Array(inference.width * inference.height),
    };
    pasteProbabilities(map, region.probabilities, region.box);
    const atFull =
      map.width === full.width && map.height === full.height ? map : resizeProbabilities(map, full.width, full.height);
    return thresholdProbabilities(atFull, segmentationThreshold);
  });
}

/**
 * Describes every person of the photo in the original and in each result, and matches each hidden person back
 * among the originals. Null when the mask counts nobody with any pixel.
 */
export function compareAppearance(
  prepared: PreparedImage,
  masks: Pick<MaskStage, "people">,
  settings: Pick<PipelineSettings, "segmentationThreshold">,
  results: ReadonlyArray<{ readonly label: string; readonly image: RgbaImage }>,
): AppearanceComparison | null {
  const people = personMasks(prepared, masks, settings)
    .map((mask, index) => ({ mask, index, area: maskArea(mask) }))
    .filter((p) => p.area > 0);
  if (people.length === 0) return null;
  const subject = people.reduce((a, b) => (b.area > a.area ? b : a));
  const at = people.indexOf(subject);
  const gallery = people.map((p) => appearanceDescriptor(prepared.full, p.mask));
  const truth = people.map((_, k) => k);
  const entries = [{ label: "Original", image: prepared.full }, ...results].map(({ label, image }): AppearanceEntry => {
    const queries = people.map((p) => appearanceDescriptor(image, p.mask));
    const ranks = matchRanks(queries, gallery, truth);
    return {
      label,
      image,
      descriptor: queries[at]!,
      distance: descriptorDistance(queries[at]!, gallery[at]!),
      rank: ranks[at]!,
      rank1: rankAccuracy(ranks, 1),
    };
  });
  return {
    people: people.length,
    subject: subject.index,
    box: padBox(maskBounds(subject.mask)!, 0.1, prepared.full),
    entries,
  };
}
