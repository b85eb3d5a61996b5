// The detection and segmentation stages of a photo as JSON, for data computed at build time (the samples'
// stages, so a page shows boxes, masks and the result before any model has loaded). Probabilities travel as
// one byte per pixel (core/quantize.ts: masks at every threshold step are unchanged), base64-encoded.
import { dequantizeProbabilities, quantizeProbabilities } from "../core/quantize.js";
import type { Box, Detection } from "../core/types.js";
import type { InternalResolution } from "../models/model-limits.js";
import type { DetectionStage, PersonRegion, SegmentationStage } from "./stages.js";

export interface StoredRegion {
  readonly source: PersonRegion["source"];
  readonly box: Box;
  readonly score: number;
  /** Index into the detections of the box this region was cut from (box regions). */
  readonly detection?: number;
  readonly width: number;
  readonly height: number;
  /** quantizeProbabilities codes, base64. */
  readonly codes: string;
}

export interface StoredStages {
  readonly width: number;
  readonly height: number;
  readonly detections: Detection[];
  readonly detectMs: number;
  readonly mode: SegmentationStage["mode"];
  readonly segmentMs: number;
  readonly regions: StoredRegion[];
}

export function storeStages(
  image: { width: number; height: number },
  detection: DetectionStage,
  segmentation: SegmentationStage,
): StoredStages {
  return {
    width: image.width,
    height: image.height,
    detections: detection.detections,
    detectMs: Math.round(detection.ms),
    mode: segmentation.mode,
    segmentMs: Math.round(segmentation.ms),
    regions: segmentation.regions.map(({ source, box, score, detection: from, probabilities }) => ({
      source,
      box,
      score,
      ...(from ? { detection: detection.detections.indexOf(from) } : {}),
      width: probabilities.width,
      height: probabilities.height,
      codes: toBase64(quantizeProbabilities(probabilities)),
    })),
  };
}

/** The stages back; a box region's detection is the same object as in the detection stage (selectRegions needs that). */
export function restoreStages(stored: StoredStages): { detection: DetectionStage; segmentation: SegmentationStage } {
  const detection: DetectionStage = { detections: stored.detections, ms: stored.detectMs };
  const regions = stored.regions.map((r): PersonRegion => {
    const from = r.detection === undefined ? undefined : stored.detections[r.detection];
    if (r.detection !== undefined && !from)
      throw new RangeError(`region refers to detection ${r.detection}, not stored`);
    return {
      source: r.source,
      box: r.box,
      score: r.score,
      ...(from ? { detection: from } : {}),
      probabilities: dequantizeProbabilities(fromBase64(r.codes), r.width, r.height),
    };
  });
  return { detection, segmentation: { mode: stored.mode, regions, ms: stored.segmentMs } };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One sample's file as data/sample-stages.tar.ts writes it: its stages, and the backend, mode and detail they were computed with. */
export interface SampleStagesFile {
  readonly backend: string;
  readonly mode: SegmentationStage["mode"];
  readonly internalResolution: InternalResolution;
  readonly stages: StoredStages;
}

/** A sample's stages, with the settings they were computed at. */
export interface BuiltStages {
  readonly backend: string;
  readonly mode: SegmentationStage["mode"];
  readonly internalResolution: InternalResolution;
  readonly detection: DetectionStage;
  readonly segmentation: SegmentationStage;
}

const restored = new WeakMap<SampleStagesFile, BuiltStages>();

/** The stages of a sample's file, restored once per file (so their objects keep their identity). */
export function builtStages(file: SampleStagesFile): BuiltStages {
  let stages = restored.get(file);
  if (!stages) {
    const { backend, mode, internalResolution } = file;
    stages = { backend, mode, internalResolution, ...restoreStages(file.stages) };
    restored.set(file, stages);
  }
  return stages;
}
