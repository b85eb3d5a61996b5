// The pipeline as separate stages, each a function of the previous stages' outputs and only the settings it
// reads. The site runs each stage in its own reactive cell and the CLI calls them in order, so a changed
// setting re-runs only the stages after the one that reads it: a new radius never touches a model.
import { selectPeople } from "../core/detections.js";
import { cropImage, padBox, pasteProbabilities, scaleBox } from "../core/geometry.js";
import { growMask } from "../core/grow.js";
import { resizeImageArea } from "../core/image.js";
import { resizeProbabilities, thresholdProbabilities } from "../core/mask.js";
import { obfuscate } from "../core/obfuscate.js";
import type { Box, Detection, Mask, ProbabilityMap, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
import { DETECTION_FLOOR, type InternalResolution } from "../models/model-limits.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import type { PipelineSettings, SegmentationMode } from "./settings.js";

/** Models run on a copy whose longer side is at most this; masks are scaled back to the full photo. */
export const MAX_INFERENCE_SIDE = 1024;
/** Every person box above the detector's floor is segmented once, so the score slider needs no model run. */
const MAX_CANDIDATES = 20;
/** Boxes are padded by this share of their size so the crop holds the whole person. */
export const BOX_PADDING = 0.15;
/** Long side, in pixels, a person crop is scaled to before BodyPix sees it, per internal resolution. */
export const CROP_SIDE: Readonly<Record<InternalResolution, number>> = { low: 128, medium: 256, high: 384, full: 512 };

export interface PreparedImage {
  /** The photo at full resolution: what gets obfuscated. */
  readonly full: RgbaImage;
  /** What the models see: `full`, or a smaller copy of it. */
  readonly inference: RgbaImage;
  /** inference size / full size. */
  readonly scale: number;
}

export function prepareImage(full: RgbaImage, maxSide = MAX_INFERENCE_SIDE): PreparedImage {
  const scale = Math.min(1, maxSide / Math.max(full.width, full.height));
  if (scale === 1) return { full, inference: full, scale };
  const width = Math.max(1, Math.round(full.width * scale));
  const height = Math.max(1, Math.round(full.height * scale));
  return { full, inference: resizeImageArea(full, width, height), scale: width / full.width };
}

export interface DetectionStage {
  /** Everything the detector found above its floor, in full-resolution pixels, highest score first. */
  readonly detections: Detection[];
  readonly ms: number;
}

/** What the model stages read of a PreparedImage (the model worker holds only this). */
export type ModelInput = Pick<PreparedImage, "inference" | "scale">;

export async function detectObjects(detector: PersonDetector, prepared: ModelInput): Promise<DetectionStage> {
  const start = performance.now();
  const found = await detector.detect(prepared.inference);
  const detections = found.map((d) => ({ ...d, box: scaleBox(d.box, 1 / prepared.scale, 1 / prepared.scale) }));
  return { detections, ms: performance.now() - start };
}

/** One segmented person: their region of the inference image and its person probabilities. */
export interface PersonRegion {
  readonly source: "box" | "multi";
  /** Region in inference-image pixels that `probabilities` covers. */
  readonly box: Box;
  readonly probabilities: ProbabilityMap;
  /** The detection this region was cut from (boxes), or BodyPix's own pose score (multi). */
  readonly detection?: Detection;
  readonly score: number;
}

export interface SegmentationStage {
  readonly mode: SegmentationMode;
  readonly regions: PersonRegion[];
  readonly ms: number;
}

export interface SegmentOptions {
  /** Called with each region as soon as it is segmented (a page fills that person's mask in at once). */
  onRegion?: (region: PersonRegion, index: number) => void;
  /** Checked between model runs: an aborted segmentation stops with an AbortError. */
  signal?: AbortSignal;
}

export async function segmentPeople(
  segmenter: PersonSegmenter,
  prepared: ModelInput,
  detection: DetectionStage,
  { mode, internalResolution }: Pick<PipelineSettings, "mode" | "internalResolution">,
  { onRegion, signal }: SegmentOptions = {},
): Promise<SegmentationStage> {
  const start = performance.now();
  const regions: PersonRegion[] = [];
  const found = (region: PersonRegion) => {
    regions.push(region);
    onRegion?.(region, regions.length - 1);
  };
  const { inference, scale } = prepared;
  if (mode !== "multi") {
    const candidates = selectPeople(detection.detections, { minScore: DETECTION_FLOOR, maxPeople: MAX_CANDIDATES });
    for (const candidate of candidates) {
      const box = padBox(scaleBox(candidate.box, scale, scale), BOX_PADDING, inference);
      if (box.width < 1 || box.height < 1) continue;
      const cropScale = Math.min(2, Math.max(0.1, CROP_SIDE[internalResolution] / Math.max(box.width, box.height)));
      signal?.throwIfAborted();
      const probabilities = await segmenter.personProbabilities(cropImage(inference, box), cropScale);
      found({ source: "box", box, probabilities, detection: candidate, score: candidate.score });
    }
  }
  if (mode !== "boxes") {
    signal?.throwIfAborted();
    for (const person of await segmenter.multiPerson(inference, internalResolution, MAX_CANDIDATES)) {
      found({ source: "multi", ...person });
    }
  }
  return { mode, regions, ms: performance.now() - start };
}

/** The regions that count under the current detector settings: re-filtered without any model run. */
export function selectRegions(
  segmentation: SegmentationStage,
  detection: DetectionStage,
  { scoreThreshold, maxPeople }: Pick<PipelineSettings, "scoreThreshold" | "maxPeople">,
): PersonRegion[] {
  const people = new Set(selectPeople(detection.detections, { minScore: scoreThreshold, maxPeople }));
  const fromBoxes = segmentation.regions.filter((r) => r.source === "box" && r.detection && people.has(r.detection));
  const fromMulti = segmentation.regions.filter((r) => r.source === "multi").slice(0, maxPeople);
  return [...fromBoxes, ...fromMulti];
}

/**
 * How many different people the regions show. In union mode a person is usually found twice, once from
 * their detector box and once by multi-person BodyPix; a multi-person region overlapping a box counts once.
 */
export function countPeople(regions: readonly PersonRegion[]): number {
  const boxes = regions.filter((r) => r.source === "box").map((r) => r.box);
  const extra = regions.filter((r) => r.source === "multi" && !boxes.some((box) => mostlyInside(r.box, box)));
  return boxes.length + extra.length;
}

/** Whether half or more of the smaller of two boxes lies inside the other. */
function mostlyInside(a: Box, b: Box): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 && w * h >= 0.5 * Math.min(a.width * a.height, b.width * b.height);
}

export interface MaskStage {
  /** Pixels to obfuscate, at full resolution, after growth. */
  readonly mask: Mask;
  /** The same before growth. */
  readonly ungrown: Mask;
  /**
   * The highest person probability any counted person gives each pixel, fallback ellipses included, at the
   * inference size: `ungrown` is this map scaled to full size and thresholded. Views draw it, never re-derive it.
   */
  readonly probabilities: ProbabilityMap;
  /**
   * Each counted person's own mask over their region (inference pixels). `fallback` marks a detected person
   * the segmenter barely marked, who is hidden by an ellipse over their box instead.
   */
  readonly people: ReadonlyArray<{ readonly region: PersonRegion; readonly mask: Mask; readonly fallback: boolean }>;
  readonly ms: number;
}

export function buildMask(
  prepared: PreparedImage,
  regions: PersonRegion[],
  { segmentationThreshold, growth }: Pick<PipelineSettings, "segmentationThreshold" | "growth">,
): MaskStage {
  const start = performance.now();
  const { inference, full } = prepared;
  // The highest probability any counted person gives each pixel; thresholding it equals the union of masks.
  const combined: ProbabilityMap = {
    width: inference.width,
    height: inference.height,
    data: new Float32Array(inference.width * inference.height),
  };
  const people = regions.map((region) => {
    const mask = thresholdProbabilities(region.probabilities, segmentationThreshold);
    const fallback =
      region.detection !== undefined &&
      region.detection.score >= FALLBACK_MIN_SCORE &&
      boxCoverage(mask, region, prepared.scale) < FALLBACK_COVERAGE;
    return { region, mask, fallback };
  });
  for (const { region, fallback } of people) {
    pasteProbabilities(combined, region.probabilities, region.box);
    // Fail closed: a person the detector found stays hidden even where the segmenter missed them.
    if (fallback) {
      const box = roundBox(scaleBox(region.detection!.box, prepared.scale, prepared.scale));
      pasteProbabilities(combined, ellipse(box.width, box.height), box);
    }
  }
  const atFullSize =
    combined.width === full.width && combined.height === full.height
      ? combined
      : resizeProbabilities(combined, full.width, full.height);
  const ungrown = thresholdProbabilities(atFullSize, segmentationThreshold);
  const mask = growth > 0 ? growMask(ungrown, growth) : ungrown;
  return { mask, ungrown, probabilities: combined, people, ms: performance.now() - start };
}

/** A detected person covers at least this share of their box; a mask covering less has missed them. */
const FALLBACK_COVERAGE = 0.2;
/** Only confident detections get the fallback: unsure ones are often a box around several people or none. */
const FALLBACK_MIN_SCORE = 0.5;

/** Share of a box region's detection box that its person mask covers. */
function boxCoverage(mask: Mask, region: PersonRegion, scale: number): number {
  const box = roundBox(scaleBox(region.detection!.box, scale, scale));
  let covered = 0;
  for (let y = Math.max(box.y, region.box.y); y < Math.min(box.y + box.height, region.box.y + region.box.height); y++) {
    for (let x = Math.max(box.x, region.box.x); x < Math.min(box.x + box.width, region.box.x + region.box.width); x++) {
      covered += mask.data[(y - region.box.y) * mask.width + (x - region.box.x)]!;
    }
  }
  return covered / Math.max(1, box.width * box.height);
}

/**
 * The fail-closed stand-in shown before segmentation ends: every counted person's box (in `prepared.full`
 * pixels) hidden by the ellipse through its four corners, which covers the whole box.
 */
export function provisionalMask(
  prepared: PreparedImage,
  detections: readonly Detection[],
  { scoreThreshold, maxPeople }: Pick<PipelineSettings, "scoreThreshold" | "maxPeople">,
): Mask {
  const { width, height } = prepared.full;
  const data = new Uint8Array(width * height);
  for (const { box } of selectPeople(detections, { minScore: scoreThreshold, maxPeople })) {
    // Semi-axes √2 × the half sides: the corners (±w/2, ±h/2) lie on the ellipse.
    const cx = box.x + box.width / 2,
      cy = box.y + box.height / 2;
    const rx = (box.width / 2) * Math.SQRT2,
      ry = (box.height / 2) * Math.SQRT2;
    for (let y = Math.max(0, Math.floor(cy - ry)); y < Math.min(height, Math.ceil(cy + ry)); y++) {
      const dy = (y + 0.5 - cy) / ry;
      if (dy * dy > 1) continue;
      const half = rx * Math.sqrt(1 - dy * dy);
      const x0 = Math.max(0, Math.round(cx - half)),
        x1 = Math.min(width, Math.round(cx + half));
      if (x1 > x0) data.fill(1, y * width + x0, y * width + x1);
    }
  }
  return { width, height, data };
}

/** Probability 1 inside the ellipse inscribed in a width × height box, 0 outside. */
function ellipse(width: number, height: number): ProbabilityMap {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const dy = (y + 0.5) / height - 0.5;
    for (let x = 0; x < width; x++) {
      const dx = (x + 0.5) / width - 0.5;
      if (dx * dx + dy * dy <= 0.25) data[y * width + x] = 1;
    }
  }
  return { width, height, data };
}

/** The box with whole-pixel edges (each edge rounded), at least one pixel wide and high. */
export function roundBox({ x, y, width, height }: Box): Box {
  const x0 = Math.round(x),
    y0 = Math.round(y);
  return {
    x: x0,
    y: y0,
    width: Math.max(1, Math.round(x + width) - x0),
    height: Math.max(1, Math.round(y + height) - y0),
  };
}

export interface ObfuscationStage {
  readonly image: RgbaImage;
  readonly ms: number;
}

export function obfuscatePeople(
  prepared: PreparedImage,
  mask: Mask,
  { method, radius, seed }: Pick<PipelineSettings, "method" | "radius" | "seed">,
): ObfuscationStage {
  const start = performance.now();
  const image = obfuscate(prepared.full, mask, { method, radius, seed });
  return { image, ms: performance.now() - start };
}
