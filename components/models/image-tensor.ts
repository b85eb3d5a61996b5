import * as tf from "@tensorflow/tfjs";
import type { RgbaImage } from "../core/types.js";

/** The RGB channels of an image as an int32 [height, width, 3] tensor, the input both models expect. */
export function imageTensor(image: RgbaImage): tf.Tensor3D {
  const { width, height, data } = image;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < data.length; i += 4, j += 3) {
    rgb[j] = data[i]!;
    rgb[j + 1] = data[i + 1]!;
    rgb[j + 2] = data[i + 2]!;
  }
  return tf.tensor3d(rgb, [height, width, 3], "int32");
}
