// Decoding and encoding image files in Node with sharp (libvips): EXIF orientation applied, any colour
// format (greyscale, 16-bit, palette, CMYK, alpha) brought to 8-bit sRGB RGBA, and no metadata written out.
import sharp from "sharp";
import type { Mask, RgbaImage } from "../core/types.js";

/** Larger images are refused rather than risk exhausting memory (about 1 GiB of RGBA). */
export const MAX_INPUT_PIXELS = 268_402_689; // 16383², sharp's own default limit

export interface DecodedImage {
  readonly image: RgbaImage;
  /** The container format sharp recognised, e.g. "jpeg", "png", "gif". */
  readonly format: string;
  /** Things the user should know about how the file was read (e.g. "animated GIF: first of 12 frames used"). */
  readonly notes: string[];
}

/** Decodes an image file's bytes; throws an Error whose message says plainly why a file is not usable. */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  if (bytes.byteLength === 0) throw new Error("the file is empty");
  // The header is read without a size limit, so an oversized photo is refused with its size, not a generic error.
  const metadata = await sharp(bytes, { limitInputPixels: false, pages: 1 })
    .metadata()
    .catch((error: Error) => {
      throw new Error(`not a readable image (${error.message})`);
    });
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    throw new Error(
      `too large: ${metadata.width}×${metadata.height} is ${megapixels(pixels)}; the limit is ${megapixels(MAX_INPUT_PIXELS)}`,
    );
  }
  const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", pages: 1 });
  const notes: string[] = [];
  if ((metadata.pages ?? 1) > 1)
    notes.push(`${metadata.format} with ${metadata.pages} frames: the first frame was used`);
  if (metadata.orientation && metadata.orientation > 1) notes.push(`EXIF orientation ${metadata.orientation} applied`);
  const { data, info } = await input
    .rotate() // applies EXIF orientation so the output and its mask are upright
    .toColourspace("srgb")
    .ensureAlpha()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true })
    .catch((error: Error) => {
      throw new Error(`the image could not be decoded (${error.message})`);
    });
  if (info.channels !== 4) throw new Error(`unexpected channel count ${info.channels} after decoding`);
  const rgba = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  return { image: { width: info.width, height: info.height, data: rgba }, format: metadata.format ?? "unknown", notes };
}

/** PNG bytes of an RGBA image, with no metadata. */
export function encodePng(image: RgbaImage): Promise<Buffer> {
  const { width, height, data } = image;
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/** 8-bit greyscale PNG of a mask: 255 where the mask is set, 0 elsewhere. */
export function encodeMaskPng(mask: Mask): Promise<Buffer> {
  const grey = Buffer.alloc(mask.width * mask.height);
  for (let i = 0; i < grey.length; i++) grey[i] = mask.data[i] ? 255 : 0;
  return sharp(grey, { raw: { width: mask.width, height: mask.height, channels: 1 } })
    .toColourspace("b-w")
    .png()
    .toBuffer();
}
