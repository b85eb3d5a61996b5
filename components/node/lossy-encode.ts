// Lossy outputs (JPEG, lossy WebP) that degrade the part of the photo that was not hidden no more than
// encoding the input once would. The output is the hidden photo encoded once, so far from the mask its pixels
// are exactly those of the input encoded once; but blocks the mask's edge crosses also hold replaced pixels,
// whose new content changes the error next to the mask. So the output's PSNR outside the mask is compared with
// that of the input encoded once at the requested quality, and the quality is raised a step at a time until
// the output is no worse.
import { psnrOutsideMask } from "../core/psnr.js";
import type { Mask, RgbaImage } from "../core/types.js";
import { decodeImage, type EncodeOptions, encodeImage } from "./image-file.js";

export interface LossyOutput {
  readonly bytes: Buffer;
  /** The quality used: the requested one, or the lowest above it that met the reference. */
  readonly quality: number;
  readonly psnr: {
    /** dB, the written output against the input, where the mask is 0. */
    readonly outsideMask: number;
    /** dB, the input encoded once at the requested quality, against itself, over the same pixels. */
    readonly oneReencode: number;
  };
}

/** `hidden` (the input with people hidden) encoded so that outside `mask` it is no worse than one re-encode of `input`. */
export async function encodeLossy(
  input: RgbaImage,
  hidden: RgbaImage,
  mask: Mask,
  options: EncodeOptions,
): Promise<LossyOutput> {
  const keepIcc = options.icc !== undefined; // compare the values as stored, in the kept profile's space
  const psnrOf = async (bytes: Buffer) =>
    round2(psnrOutsideMask(input, (await decodeImage(bytes, { keepIcc })).image, mask));
  const oneReencode = await psnrOf(await encodeImage(input, options));
  for (let quality = options.quality; ; quality++) {
    const bytes = await encodeImage(hidden, { ...options, quality });
    const outsideMask = await psnrOf(bytes);
    if (outsideMask >= oneReencode || quality === 100) return { bytes, quality, psnr: { outsideMask, oneReencode } };
  }
}

// Infinity (nothing outside the mask differs, or nothing is outside it) is kept as is; JSON writes it as null.
const round2 = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : value);
