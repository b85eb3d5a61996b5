// Boxes: padding, clamping, scaling, overlap; cropping images and pasting probability crops.
import type { Box, ProbabilityMap, RgbaImage } from "./types.js";

export interface Bounds {
  readonly width: number;
  readonly height: number;
}

function checkBox(box: Box, name = "box"): void {
  for (const key of ["x", "y", "width", "height"] as const) {
    const v = box[key];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new RangeError(`${name}.${key} must be a finite number, got ${v}`);
  }
  if (box.width < 0 || box.height < 0)
    throw new RangeError(`${name} size must be non-negative, got ${box.width}×${box.height}`);
}

function checkBounds(bounds: Bounds, name = "bounds"): void {
  if (!Number.isInteger(bounds.width) || bounds.width < 0 || !Number.isInteger(bounds.height) || bounds.height < 0) {
    throw new RangeError(`${name} must have non-negative integer size, got ${bounds.width}×${bounds.height}`);
  }
}

function checkIntegerBox(box: Box, name: string): void {
  checkBox(box, name);
  if (![box.x, box.y, box.width, box.height].every(Number.isInteger)) {
    throw new RangeError(
      `${name} must have integer coordinates, got x=${box.x} y=${box.y} width=${box.width} height=${box.height}`,
    );
  }
}

/**
 * Grows each side by `fraction` of the box's own size (left/right by fraction·width, top/bottom by
 * fraction·height), then snaps outwards to whole pixels and clamps to `bounds`. The result always
 * contains the part of the original box that lies inside bounds; a box entirely outside gives size 0.
 */
export function padBox(box: Box, fraction: number, bounds: Bounds): Box {
  checkBox(box);
  checkBounds(bounds);
  if (typeof fraction !== "number" || !Number.isFinite(fraction) || fraction < 0) {
    throw new RangeError(`fraction must be a finite number ≥ 0, got ${fraction}`);
  }
  const px = fraction * box.width,
    py = fraction * box.height;
  return snapClamp(box.x - px, box.y - py, box.x + box.width + px, box.y + box.height + py, bounds);
}

// Outward rounding, then clamping; an empty intersection collapses to a zero-size box at the edge.
function snapClamp(x0: number, y0: number, x1: number, y1: number, bounds: Bounds): Box {
  const left = Math.min(bounds.width, Math.max(0, Math.floor(x0)));
  const top = Math.min(bounds.height, Math.max(0, Math.floor(y0)));
  const right = Math.max(left, Math.min(bounds.width, Math.ceil(x1)));
  const bottom = Math.max(top, Math.min(bounds.height, Math.ceil(y1)));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The part of `box` inside [0, width] × [0, height], unrounded; size 0 when they do not overlap. */
export function clampBox(box: Box, bounds: Bounds): Box {
  checkBox(box);
  checkBounds(bounds);
  const left = Math.min(bounds.width, Math.max(0, box.x));
  const top = Math.min(bounds.height, Math.max(0, box.y));
  const right = Math.max(left, Math.min(bounds.width, box.x + box.width));
  const bottom = Math.max(top, Math.min(bounds.height, box.y + box.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The box with `by` pixels added on every side (unrounded, unclamped). */
export function growBox(box: Box, by: number): Box {
  checkBox(box);
  if (!Number.isFinite(by)) throw new RangeError(`by must be a finite number, got ${by}`);
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/** Scales x and width by sx, y and height by sy (e.g. from inference resolution to full resolution). */
export function scaleBox(box: Box, sx: number, sy: number): Box {
  checkBox(box);
  if (typeof sx !== "number" || !(sx > 0) || !Number.isFinite(sx))
    throw new RangeError(`sx must be a finite number > 0, got ${sx}`);
  if (typeof sy !== "number" || !(sy > 0) || !Number.isFinite(sy))
    throw new RangeError(`sy must be a finite number > 0, got ${sy}`);
  return { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy };
}

/** Intersection over union of two boxes in [0, 1]; 0 when both have zero area. */
export function boxIoU(a: Box, b: Box): number {
  checkBox(a, "a");
  checkBox(b, "b");
  const iw = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
  const ih = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const inter = iw * ih;
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** Copies the pixels of an integer box that lies inside the image into a new image. */
export function cropImage(image: RgbaImage, box: Box): RgbaImage {
  checkIntegerBox(box, "box");
  if (box.x < 0 || box.y < 0 || box.x + box.width > image.width || box.y + box.height > image.height) {
    throw new RangeError(
      `box x=${box.x} y=${box.y} width=${box.width} height=${box.height} is not inside the ${image.width}×${image.height} image`,
    );
  }
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(`image.data has length ${image.data.length}, expected ${image.width * image.height * 4}`);
  }
  const { width, height } = box;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((box.y + y) * image.width + box.x) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data: out };
}

/**
 * Writes `crop` into `target` with its top-left corner at (at.x, at.y), keeping the larger value
 * where they overlap so that overlapping people crops never erase each other. `at` must be an
 * integer box of the crop's size (resize the crop first); parts outside `target` are dropped.
 */
export function pasteProbabilities(target: ProbabilityMap, crop: ProbabilityMap, at: Box): void {
  checkIntegerBox(at, "at");
  if (at.width !== crop.width || at.height !== crop.height) {
    throw new RangeError(`at is ${at.width}×${at.height} but crop is ${crop.width}×${crop.height}`);
  }
  if (crop.data.length !== crop.width * crop.height) {
    throw new RangeError(`crop.data has length ${crop.data.length}, expected ${crop.width * crop.height}`);
  }
  if (target.data.length !== target.width * target.height) {
    throw new RangeError(`target.data has length ${target.data.length}, expected ${target.width * target.height}`);
  }
  const x0 = Math.max(0, at.x),
    x1 = Math.min(target.width, at.x + at.width);
  const y0 = Math.max(0, at.y),
    y1 = Math.min(target.height, at.y + at.height);
  const t = target.data,
    c = crop.data;
  for (let y = y0; y < y1; y++) {
    let ti = y * target.width + x0;
    let ci = (y - at.y) * crop.width + (x0 - at.x);
    for (let x = x0; x < x1; x++, ti++, ci++) {
      const v = c[ci]!;
      if (v > t[ti]!) t[ti] = v;
    }
  }
}
