// All stages in order, for the CLI, the evaluation and the tests (the site runs the same stages in cells).
import { scaleBox } from "../core/geometry.js";
import { maskArea } from "../core/mask.js";
import type { Box, Mask, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import { type PipelineSettings, resolveSettings } from "./settings.js";
import {
  buildMask,
  countPeople,
  detectObjects,
  obfuscatePeople,
  prepareImage,
  roundBox,
  segmentPeople,
  selectRegions,
} from "./stages.js";

export interface Models {
  readonly detector: PersonDetector;
  readonly segmenter: PersonSegmenter;
}

export interface PipelineReport {
  readonly width: number;
  readonly height: number;
  /** False when no person was found: then nothing was hidden and the output equals the input. */
  readonly hidden: boolean;
  /** Different people found (a person seen by both segmentation modes counts once). */
  readonly peopleFound: number;
  /** `fallback`: the segmenter missed this detected person, so an ellipse over their box hides them. */
  readonly people: ReadonlyArray<{
    source: "box" | "multi";
    score: number;
    box: Box;
    maskPixels: number;
    fallback: boolean;
  }>;
  readonly detections: ReadonlyArray<{ label: string; score: number; box: Box }>;
  /** Pixels replaced, and their share of the image. */
  readonly maskPixels: number;
  readonly maskShare: number;
  readonly settings: PipelineSettings;
  readonly timingsMs: Readonly<Record<"prepare" | "detect" | "segment" | "mask" | "obfuscate", number>>;
}

export interface PipelineResult {
  readonly output: RgbaImage;
  readonly mask: Mask;
  readonly report: PipelineReport;
}

export async function runPipeline(
  image: RgbaImage,
  models: Models,
  partialSettings: Partial<PipelineSettings> = {},
): Promise<PipelineResult> {
  const settings = resolveSettings(partialSettings);
  const start = performance.now();
  const prepared = prepareImage(image);
  const prepareMs = performance.now() - start;
  const detection = await detectObjects(models.detector, prepared);
  const segmentation = await segmentPeople(models.segmenter, prepared, detection, settings);
  const regions = selectRegions(segmentation, detection, settings);
  const masks = buildMask(prepared, regions, settings);
  const obfuscation = obfuscatePeople(prepared, masks.mask, settings);
  const maskPixels = maskArea(masks.mask);
  const toFull = 1 / prepared.scale;
  return {
    output: obfuscation.image,
    mask: masks.mask,
    report: {
      width: image.width,
      height: image.height,
      hidden: maskPixels > 0,
      peopleFound: countPeople(regions),
      people: masks.people.map(({ region, mask, fallback }) => ({
        source: region.source,
        score: round2(region.score),
        box: roundBox(scaleBox(region.box, toFull, toFull)),
        maskPixels: Math.round(maskArea(mask) * toFull * toFull),
        fallback,
      })),
      detections: detection.detections.map(({ label, score, box }) => ({
        label,
        score: round2(score),
        box: roundBox(box),
      })),
      maskPixels,
      maskShare: maskPixels / (image.width * image.height),
      settings,
      timingsMs: {
        prepare: round2(prepareMs),
        detect: round2(detection.ms),
        segment: round2(segmentation.ms),
        mask: round2(masks.ms),
        obfuscate: round2(obfuscation.ms),
      },
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
