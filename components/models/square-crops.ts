// Square crops of an image around given regions, as one float32 batch for a model with a square input:
// the observers that look at each person (pose, faces) see every person at the same scale, whatever their
// size in the photo. Parts of a region outside the photo are black, as the models' own padding would be.
import * as tf from "@tensorflow/tfjs";
import type { Box, RgbaImage } from "../core/types.js";
import { imageTensor } from "./image-tensor.js";

/** A square of side `side` centred on (cx, cy), in image pixels; it may reach outside the image. */
export function squareAt(cx: number, cy: number, side: number): Box {
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/**
 * A [regions, size, size, 3] float32 tensor with RGB values 0–255: each region resampled bilinearly, pixel
 * centres spread edge to edge, so crop pixel (u, v) of region r shows image point
 * (r.x + (u + ½)·r.width/size, r.y + (v + ½)·r.height/size). `regions` must not be empty.
 */
export function cropSquares(image: RgbaImage, regions: readonly Box[], size: number): tf.Tensor4D {
  if (regions.length === 0) throw new RangeError("cropSquares needs at least one region");
  const { width, height } = image;
  // cropAndResize samples both ends of a normalised box, y·(height − 1) in pixel-centre coordinates.
  const normalised = regions.map((r) => {
    const sx = r.width / size,
      sy = r.height / size;
    const x0 = r.x + sx / 2 - 0.5,
      y0 = r.y + sy / 2 - 0.5;
    return [
      y0 / Math.max(1, height - 1),
      x0 / Math.max(1, width - 1),
      (y0 + sy * (size - 1)) / Math.max(1, height - 1),
      (x0 + sx * (size - 1)) / Math.max(1, width - 1),
    ];
  });
  return tf.tidy(() =>
    tf.image.cropAndResize(
      tf.expandDims(tf.cast(imageTensor(image), "float32"), 0) as tf.Tensor4D,
      tf.tensor2d(normalised, [regions.length, 4]),
      tf.tensor1d(
        regions.map(() => 0),
        "int32",
      ),
      [size, size],
      "bilinear",
      0,
    ),
  );
}
