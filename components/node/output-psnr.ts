// How much a lossy encode degraded the part of a photo that was not hidden: PSNR outside the mask of the
// written file against the decoded input, beside the PSNR of the input itself encoded once the same way.
import { psnrOutsideMask } from "../core/psnr.js";
import type { Mask, RgbaImage } from "../core/types.js";
import { decodeImage, type EncodeOptions, encodeImage } from "./image-file.js";

export interface OutputPsnr {
  /** dB, the written output against the input, where the mask is 0. */
  readonly outsideMask: number;
  /** dB, the input encoded once with the same options, against itself, over the same pixels. */
  readonly oneReencode: number;
}

export async function outputPsnr(
  input: RgbaImage,
  encoded: Uint8Array,
  mask: Mask,
  options: EncodeOptions,
): Promise<OutputPsnr> {
  const keepIcc = options.icc !== undefined; // compare the values as stored, in the kept profile's space
  const written = await decodeImage(encoded, { keepIcc });
  const reencoded = await decodeImage(await encodeImage(input, options), { keepIcc });
  return {
    outsideMask: round2(psnrOutsideMask(input, written.image, mask)),
    oneReencode: round2(psnrOutsideMask(input, reencoded.image, mask)),
  };
}

const round2 = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : value);
