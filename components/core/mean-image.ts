// The per-pixel mean of several frames: what a viewer who averages the frames of a still scene sees.
import { checkImage } from "./image.js";
import type { RgbaImage } from "./types.js";

/** Mean of each byte over same-size images, rounded to the nearest integer. */
export function meanImage(images: readonly RgbaImage[]): RgbaImage {
  const [first] = images;
  if (!first) throw new RangeError("meanImage needs at least one image");
  const sums = new Float64Array(first.data.length);
  for (const [k, image] of images.entries()) {
    checkImage(image, `images[${k}]`);
    if (image.width !== first.width || image.height !== first.height) {
      throw new RangeError(
        `images[${k}] is ${image.width}×${image.height}; images[0] is ${first.width}×${first.height}`,
      );
    }
    for (let i = 0; i < sums.length; i++) sums[i]! += image.data[i]!;
  }
  const data = new Uint8ClampedArray(sums.length);
  for (let i = 0; i < sums.length; i++) data[i] = Math.round(sums[i]! / images.length);
  return { width: first.width, height: first.height, data };
}
