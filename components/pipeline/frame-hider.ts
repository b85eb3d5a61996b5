// The pipeline on moving pictures: frames go in, in order, and come out hidden. The photo stages run on every
// `segmentEvery`-th frame (detector, segmenter, mask), the detector alone on every `detectEvery`-th, and on
// any frame where something moved outside the people tracked. Every person hidden is tracked: on a frame with
// no segmentation, each person's last mask follows their detector box, a person new since is hidden by the
// ellipse in their box, and a person the detector missed, or who was not looked for, is carried along their
// predicted path and grown, so nobody slips through a frame.
import { carryMask, cropMask, type MaskCrop } from "../core/carry-mask.js";
import { selectPeople } from "../core/detections.js";
import { fillEllipse } from "../core/ellipse-mask.js";
import { growBox } from "../core/geometry.js";
import { maskArea } from "../core/mask.js";
import { DEFAULT_MOTION_OPTIONS, movingCells } from "../core/motion.js";
import { frameSeed } from "../core/random.js";
import {
  DEFAULT_TRACKER_OPTIONS,
  EMPTY_TRACKER,
  type Point,
  stepTracker,
  type TrackedPerson,
  type TrackerState,
} from "../core/tracker.js";
import type { Box, Detection, Mask, RgbaImage } from "../core/types.js";
import type { Models } from "./run.js";
import {
  buildMask,
  detectObjects,
  obfuscatePeople,
  type PersonRegion,
  type PreparedImage,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "./stages.js";
import { resolveVideoSettings, type VideoSettings } from "./video-settings.js";

export interface HiddenFrame {
  /** 0 for the first frame given to the hider. */
  readonly index: number;
  readonly image: RgbaImage;
  /** Every pixel replaced in this frame. */
  readonly mask: Mask;
  /** Which models ran on this frame. */
  readonly detected: boolean;
  readonly segmented: boolean;
  /** The detector ran off its schedule, because something moved outside the people tracked. */
  readonly onMotion: boolean;
  /** People the detector (or the segmenter) found and hid on this frame. */
  readonly found: number;
  /** People hidden from memory: not found on this frame (or not looked for), carried from an earlier one. */
  readonly carried: number;
  readonly maskPixels: number;
  /** The obfuscation's seed on this frame. */
  readonly seed: number;
  /** Everything the detector found on this frame (full-resolution boxes); empty when it did not run. */
  readonly detections: readonly Detection[];
  /**
   * Each person hidden on this frame: the box they were found in, or, when carried from memory, the region
   * kept hidden for them (their last box and the predicted one, grown).
   */
  readonly people: ReadonlyArray<{ readonly box: Box; readonly carried: boolean }>;
  readonly ms: { readonly models: number; readonly mask: number; readonly hide: number };
}

export interface FrameHider {
  readonly settings: VideoSettings;
  /** Hides the next frame. Frames must come in order, one at a time, all the same size. */
  hide(frame: RgbaImage): Promise<HiddenFrame>;
  /**
   * New settings from the next frame on (a control moved while a webcam runs); the people tracked stay tracked
   * and hidden. Throws a RangeError for a bad value, keeping the settings it had.
   */
  configure(partial: Partial<VideoSettings>): void;
}

type TrackerOptionsInput = Parameters<typeof stepTracker>[2];

/** A person's mask as last segmented (or the ellipse in their box), with the box and frame it was cut at. */
interface CarriedMask {
  readonly crop: MaskCrop;
  readonly box: Box;
  readonly frame: number;
}

/** A person's box is padded by this share of its size (and the mask growth) when their mask is cut out to carry. */
const CROP_PADDING = 0.15;
/** Per frame since a mask was cut, it is grown by this share of the person's size (limbs move). */
const POSE_GROWTH = DEFAULT_TRACKER_OPTIONS.growth;
/** Motion this far around a tracked person (share of their size: shadows, swinging limbs) is theirs. */
const MOTION_MARGIN = 0.25;

export function createFrameHider(models: Models, partial: Partial<VideoSettings> = {}): FrameHider {
  /** The settings as given (so a method given later gets its own seedPerFrame default), and resolved. */
  let given = partial;
  let settings = resolveVideoSettings(given);
  let tracker: TrackerState = EMPTY_TRACKER;
  let size: { width: number; height: number } | undefined;
  let carriedMasks = new Map<number, CarriedMask>();
  let previous: RgbaImage | undefined;
  /** Per motion cell, the frame until which its motion is known not to be a new person (the detector looked). */
  let quietUntil = new Int32Array(0);
  let busy = false;

  async function hide(frame: RgbaImage): Promise<HiddenFrame> {
    if (busy) throw new Error("frames must be hidden one at a time, in order");
    size ??= { width: frame.width, height: frame.height };
    if (frame.width !== size.width || frame.height !== size.height) {
      throw new RangeError(
        `frame ${tracker.frame} is ${frame.width}×${frame.height}; the first was ${size.width}×${size.height}`,
      );
    }
    busy = true;
    try {
      return await hideFrame(frame, size);
    } finally {
      busy = false;
    }
  }

  async function hideFrame(frame: RgbaImage, frameSize: { width: number; height: number }): Promise<HiddenFrame> {
    const index = tracker.frame;
    const tracking = { ...frameSize, memory: settings.memory + settings.segmentEvery - 1 };
    const segmented = index % settings.segmentEvery === 0;
    const scheduled = index % settings.detectEvery === 0;
    const moved = settings.detectOnMotion && previous ? movedOutside(previous, frame, tracking) : [];
    const onMotion = !scheduled && moved.some((c) => !(quietUntil[c]! >= index));
    const detected = scheduled || onMotion;
    previous = frame;
    // Motion the detector has just looked at is not a reason to look again before its next scheduled run:
    // a flag in the wind, a tree, or someone too small for it to find would otherwise trigger it every frame.
    if (detected) for (const c of moved) quietUntil[c] = index + settings.detectEvery - 1;
    let prepared: PreparedImage;
    let found: Mask | undefined;
    let boxes: Box[] | null = null;
    let detections: Detection[] = [];
    let modelsMs = 0;
    let maskMs = 0;
    if (detected) {
      prepared = prepareImage(frame);
      const detection = await detectObjects(models.detector, prepared);
      detections = detection.detections;
      modelsMs += detection.ms;
      if (segmented) {
        const segmentation = await segmentPeople(models.segmenter, prepared, detection, settings);
        modelsMs += segmentation.ms;
        const regions = selectRegions(segmentation, detection, settings);
        const masks = buildMask(prepared, regions, settings);
        maskMs += masks.ms;
        found = masks.mask;
        boxes = personBoxes(regions, prepared);
      } else {
        boxes = selectPeople(detections, { minScore: settings.scoreThreshold, maxPeople: settings.maxPeople }).map(
          (d) => d.box,
        );
      }
    } else {
      // No model runs on this frame, so it needs no inference copy.
      prepared = prepareImage(frame, Number.POSITIVE_INFINITY);
    }
    const step = stepTracker(tracker, boxes, tracking);
    tracker = step.state;

    const start = performance.now();
    const people = step.people;
    const mask = found
      ? { ...found, data: new Uint8Array(found.data) }
      : { ...frameSize, data: new Uint8Array(frameSize.width * frameSize.height) };
    const next = new Map<number, CarriedMask>();
    let carried = 0;
    for (const person of people) {
      if (found && person.observed >= 0) {
        // Segmented on this frame: its own mask is already in `found`; keep it to carry to the next frames.
        const pad = CROP_PADDING * Math.max(person.box.width, person.box.height) + settings.growth + 1;
        next.set(person.id, { crop: cropMask(found, growBox(person.box, pad)), box: person.box, frame: index });
        continue;
      }
      const last = carriedMasks.get(person.id) ?? ellipseMask(person.box, index);
      next.set(person.id, last);
      if (person.observed < 0) carried++;
      carryPerson(mask, person, last, index);
    }
    carriedMasks = next;
    maskMs += performance.now() - start;

    const seed = settings.seedPerFrame ? frameSeed(settings.seed, index) : settings.seed;
    const hidden = obfuscatePeople(prepared, mask, { ...settings, seed });
    return {
      index,
      image: hidden.image,
      mask,
      detected,
      segmented,
      onMotion,
      found: people.length - carried,
      carried,
      maskPixels: maskArea(mask),
      seed,
      detections,
      people: people.map((p) => ({ box: p.observed < 0 ? p.hide : p.box, carried: p.observed < 0 })),
      ms: { models: modelsMs, mask: maskMs, hide: hidden.ms },
    };
  }

  /** The motion cells that moved outside the people tracked (where the tracker puts them on this frame, grown). */
  function movedOutside(before: RgbaImage, frame: RgbaImage, tracking: TrackerOptionsInput): number[] {
    const { cell } = DEFAULT_MOTION_OPTIONS;
    const cells = Math.ceil(frame.width / cell) * Math.ceil(frame.height / cell);
    if (quietUntil.length !== cells) quietUntil = new Int32Array(cells).fill(-1);
    const predicted = stepTracker(tracker, null, tracking);
    const ignore = predicted.people.map(({ hide }) => growBox(hide, MOTION_MARGIN * Math.max(hide.width, hide.height)));
    return movingCells(before, frame, ignore);
  }

  return {
    get settings() {
      return settings;
    },
    hide,
    configure(next) {
      const resolved = resolveVideoSettings({ ...given, ...next });
      given = { ...given, ...next };
      settings = resolved;
    },
  };
}

/**
 * Sets a person's carried mask in `mask`: where the detector saw them on this frame, or, when remembered,
 * along the path from where they were last seen to where they are predicted, grown for pose changes since the
 * mask was cut (and, when remembered, for the uncertainty of the prediction).
 */
function carryPerson(mask: Mask, person: TrackedPerson, last: CarriedMask, index: number): void {
  const to = subtract(centre(person.box), centre(last.box));
  const from = { x: to.x - person.shift.x, y: to.y - person.shift.y };
  const sinceCut = Math.max(1, index - last.frame - person.framesUnseen);
  const resized = Math.max(Math.abs(person.box.width - last.box.width), Math.abs(person.box.height - last.box.height));
  const margin = person.margin + POSE_GROWTH * Math.max(person.box.width, person.box.height) * sinceCut + resized / 2;
  carryMask(mask, last.crop, from, to, margin);
}

/** The ellipse in a person's box as a mask to carry: for a person found by the detector but not yet segmented. */
function ellipseMask(box: Box, frame: number): CarriedMask {
  const at = { x: Math.floor(box.x), y: Math.floor(box.y) };
  const width = Math.ceil(box.x + box.width) - at.x;
  const height = Math.ceil(box.y + box.height) - at.y;
  const local = { width, height, data: new Uint8Array(width * height) };
  fillEllipse(local, { ...box, x: box.x - at.x, y: box.y - at.y });
  return { crop: { mask: local, at }, box, frame };
}

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function subtract(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}

/**
 * One box per person the stages hid, in full-resolution pixels: each counted detector box, and each
 * multi-person region that is not mostly inside one of those boxes (the same person found twice).
 */
function personBoxes(regions: readonly PersonRegion[], prepared: PreparedImage): Box[] {
  const boxes = regions.filter((r) => r.source === "box" && r.detection).map((r) => r.detection!.box);
  const toFull = 1 / prepared.scale;
  const others = regions
    .filter((r) => r.source === "multi")
    .map(({ box }) => ({
      x: box.x * toFull,
      y: box.y * toFull,
      width: box.width * toFull,
      height: box.height * toFull,
    }))
    .filter((box) => !boxes.some((b) => insideShare(box, b) >= 0.5));
  return [...boxes, ...others];
}

/** Share of `a`'s area that lies inside `b`. */
function insideShare(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.max(1e-9, a.width * a.height) : 0;
}
