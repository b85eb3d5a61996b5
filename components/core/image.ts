// RGBA images: creation, area-average resizing, comparison.
import { bilinearTaps, checkMask, checkSameSize, checkSize } from "./mask.js";
import type { Mask, RgbaImage } from "./types.js";

/** Throws unless `image.data` holds exactly width × height × 4 bytes. */
export function checkImage(image: RgbaImage, name = "image"): void {
  checkSize(image.width, image.height, name);
  if (!(image.data instanceof Uint8ClampedArray)) throw new TypeError(`${name}.data must be a Uint8ClampedArray`);
  if (image.data.length !== image.width * image.height * 4) {
    throw new RangeError(
      `${name}.data has length ${image.data.length}, expected ${image.width}×${image.height}×4 = ${image.width * image.height * 4}`,
    );
  }
}

/** A new image filled with `fill` = [r, g, b, a] (default transparent black). */
export function createImage(
  width: number,
  height: number,
  fill: readonly [number, number, number, number] = [0, 0, 0, 0],
): RgbaImage {
  checkSize(width, height);
  checkColor(fill, "fill");
  const data = new Uint8ClampedArray(width * height * 4);
  if (fill.some((v) => v !== 0)) {
    for (let i = 0; i < data.length; i += 4) {
      data[i] = fill[0];
      data[i + 1] = fill[1];
      data[i + 2] = fill[2];
      data[i + 3] = fill[3];
    }
  }
  return { width, height, data };
}

/** Throws unless `color` is four integers in [0, 255]. */
export function checkColor(color: readonly number[], name = "color"): void {
  if (!Array.isArray(color) || color.length !== 4 || !color.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
    throw new RangeError(`${name} must be [r, g, b, a] with integers in [0, 255], got ${JSON.stringify(color)}`);
  }
}

/**
 * Resizes to width × height. Along an axis that shrinks, each output pixel is the exact area-weighted
 * mean of the input pixels it covers (fractional coverage at the edges), which avoids the aliasing
 * of point sampling when making a small inference copy of a large photo. Along an axis that grows
 * (or stays), it interpolates bilinearly with pixel centres aligned. Channels are averaged
 * independently (no alpha premultiplication; photos are opaque). Output is rounded to nearest.
 */
export function resizeImageArea(image: RgbaImage, width: number, height: number): RgbaImage {
  checkImage(image);
  checkSize(width, height, "target");
  const out = new Uint8ClampedArray(width * height * 4);
  if (out.length === 0) return { width, height, data: out };
  if (image.data.length === 0)
    throw new RangeError(`cannot resize an empty ${image.width}×${image.height} image to ${width}×${height}`);
  // Separable: each axis is a sparse weight matrix. Input rows are needed in nondecreasing order,
  // so their horizontal pass is computed once into a small ring of rows rather than a full
  // intermediate image (which, for a 12 MP photo, costs more to allocate than to compute).
  const xw = axisWeights(image.width, width);
  const yw = axisWeights(image.height, height);
  const src = image.data;
  const stride = width * 4;
  let ringSize = 1;
  for (let y = 0; y < height; y++) ringSize = Math.max(ringSize, yw.start[y + 1]! - yw.start[y]!);
  const ring = new Float32Array(ringSize * stride);
  const ringRow = new Int32Array(ringSize).fill(-1); // which input row each slot holds
  const horizontal = (yIn: number): number => {
    const slot = yIn % ringSize,
      base = slot * stride;
    if (ringRow[slot] === yIn) return base;
    ringRow[slot] = yIn;
    const srow = yIn * image.width * 4;
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let k = xw.start[x]!, end = xw.start[x + 1]!; k < end; k++) {
        const s = srow + xw.index[k]! * 4,
          w = xw.weight[k]!;
        r += src[s]! * w;
        g += src[s + 1]! * w;
        b += src[s + 2]! * w;
        a += src[s + 3]! * w;
      }
      const t = base + x * 4;
      ring[t] = r;
      ring[t + 1] = g;
      ring[t + 2] = b;
      ring[t + 3] = a;
    }
    return base;
  };
  const acc = new Float64Array(stride);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    for (let k = yw.start[y]!, end = yw.start[y + 1]!; k < end; k++) {
      const base = horizontal(yw.index[k]!),
        w = yw.weight[k]!;
      for (let j = 0; j < stride; j++) acc[j]! += ring[base + j]! * w;
    }
    const o = y * stride;
    for (let j = 0; j < stride; j++) out[o + j] = acc[j]!; // Uint8ClampedArray clamps and rounds to nearest
  }
  return { width, height, data: out };
}

// Compressed sparse rows: for output index i, input indices index[start[i]..start[i+1]) with weights summing to 1.
function axisWeights(from: number, to: number): { start: Int32Array; index: Int32Array; weight: Float64Array } {
  const start = new Int32Array(to + 1);
  const index: number[] = [];
  const weight: number[] = [];
  if (to < from) {
    const scale = from / to; // input pixels per output pixel
    for (let i = 0; i < to; i++) {
      const lo = i * scale,
        hi = (i + 1) * scale;
      for (let j = Math.floor(lo); j < Math.min(from, Math.ceil(hi)); j++) {
        const cover = Math.min(hi, j + 1) - Math.max(lo, j);
        if (cover > 0) {
          index.push(j);
          weight.push(cover / scale);
        }
      }
      start[i + 1] = index.length;
    }
  } else {
    const taps = bilinearTaps(from, to);
    for (let i = 0; i < to; i++) {
      const f = taps.f[i]!;
      index.push(taps.i0[i]!);
      weight.push(1 - f);
      if (f > 0) {
        index.push(taps.i1[i]!);
        weight.push(f);
      }
      start[i + 1] = index.length;
    }
  }
  return { start, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/** True when both images have the same size and identical bytes. */
export function imagesEqual(a: RgbaImage, b: RgbaImage): boolean {
  checkImage(a, "a");
  checkImage(b, "b");
  if (a.width !== b.width || a.height !== b.height) return false;
  const x = a.data,
    y = b.data;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Share of the pixels that are not fully opaque (alpha under 255). */
export function transparentShare({ data }: RgbaImage): number {
  let transparent = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! < 255) transparent++;
  return data.length ? transparent / (data.length / 4) : 0;
}

/** Number of pixels whose RGBA bytes differ between two same-size images. */
export function changedPixels(a: RgbaImage, b: RgbaImage): number {
  checkImage(a, "a");
  checkImage(b, "b");
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`a is ${a.width}×${a.height} but b is ${b.width}×${b.height}`);
  }
  const x = a.data,
    y = b.data;
  let n = 0;
  for (let i = 0; i < x.length; i += 4) {
    if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2] || x[i + 3] !== y[i + 3]) n++;
  }
  return n;
}

/**
 * Mean colour change inside the mask: the average absolute difference of the R, G and B bytes over the
 * masked pixels, divided by 255 (0 = untouched, 1 = every channel flipped from 0 to 255).
 */
export function colourChangeInside(original: RgbaImage, changed: RgbaImage, mask: Mask): number {
  checkImageAndMask(original, mask);
  checkImageAndMask(changed, mask);
  let n = 0,
    sum = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const o = i * 4;
    n++;
    sum +=
      Math.abs(original.data[o]! - changed.data[o]!) +
      Math.abs(original.data[o + 1]! - changed.data[o + 1]!) +
      Math.abs(original.data[o + 2]! - changed.data[o + 2]!);
  }
  return n ? sum / (3 * 255 * n) : 0;
}

/** Throws unless `image` and `mask` are well-formed and the same size. */
export function checkImageAndMask(image: RgbaImage, mask: Mask): void {
  checkImage(image);
  checkMask(mask);
  checkSameSize(image, mask, "image", "mask");
}

/** Throws unless `value` is an integer in [min, max], naming it. */
export function checkInteger(value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞)" : `${max}]`}, got ${value}`,
    );
  }
}
