// Decoding and encoding image files in Node with sharp (libvips): EXIF orientation applied, any colour
// format (greyscale, 16-bit, palette, CMYK, alpha) brought to 8-bit sRGB RGBA, and no metadata written out
// (except a colour profile the caller asks to keep).
import sharp from "sharp";
import type { Mask, RgbaImage } from "../core/types.js";
import { attachIccProfile, iccColourSpace } from "./icc-profile.js";

/** Larger images are refused rather than risk exhausting memory (about 1 GiB of RGBA). */
export const MAX_INPUT_PIXELS = 268_402_689; // 16383², sharp's own default limit

export interface DecodedImage {
  readonly image: RgbaImage;
  /** The container format sharp recognised, e.g. "jpeg", "png", "gif". */
  readonly format: string;
  /** Things the user should know about how the file was read (e.g. "animated GIF: first of 12 frames used"). */
  readonly notes: string[];
  /** How the file was encoded, so writing it again in its own format can keep that. */
  readonly encoding: SourceEncoding;
  /** The file's ICC profile, when asked to keep it and it describes RGB or grey: `image` is then in its colour space. */
  readonly icc?: Uint8Array;
}

export interface SourceEncoding {
  /** JPEG: whether colour was stored at full resolution ("4:4:4") or halved ("4:2:0" and the like). */
  readonly chromaSubsampling?: string;
  /** Progressive JPEG or interlaced PNG. */
  readonly progressive: boolean;
  /** WebP: lossless (VP8L) rather than lossy (VP8). */
  readonly lossless: boolean;
}

export interface DecodeOptions {
  /** Leave the pixels in the file's own RGB or grey colour profile and return it, instead of converting to sRGB. */
  readonly keepIcc?: boolean;
}

/** Decodes an image file's bytes; throws an Error whose message says plainly why a file is not usable. */
export async function decodeImage(bytes: Uint8Array, { keepIcc = false }: DecodeOptions = {}): Promise<DecodedImage> {
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
  const notes: string[] = [];
  let icc: Uint8Array | undefined;
  if (keepIcc && metadata.icc) {
    const space = iccColourSpace(metadata.icc);
    if (space === "RGB" || space === "GRAY") icc = new Uint8Array(metadata.icc);
    else notes.push(`the ${space} colour profile was not kept: the output is RGB`);
  }
  const input = sharp(bytes, {
    limitInputPixels: MAX_INPUT_PIXELS,
    failOn: "error",
    pages: 1,
    ignoreIcc: Boolean(icc),
  });
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
  const encoding: SourceEncoding = {
    ...(metadata.chromaSubsampling ? { chromaSubsampling: metadata.chromaSubsampling } : {}),
    progressive: Boolean(metadata.isProgressive),
    lossless: metadata.format === "webp" && webpIsLossless(bytes),
  };
  return {
    image: { width: info.width, height: info.height, data: rgba },
    format: metadata.format ?? "unknown",
    notes,
    encoding,
    ...(icc ? { icc } : {}),
  };
}

/** True when the first image chunk of a WebP file is lossless (VP8L) rather than lossy (VP8). */
function webpIsLossless(bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 12; at + 8 <= view.length; at += 8 + view.readUInt32LE(at + 4) + (view.readUInt32LE(at + 4) & 1)) {
    const type = view.toString("latin1", at, at + 4);
    if (type === "VP8L") return true;
    if (type === "VP8 ") return false;
  }
  return false;
}

export type OutputFormat = "jpeg" | "png" | "webp";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["jpeg", "png", "webp"];

export interface EncodeOptions {
  readonly format: OutputFormat;
  /** 1–100, for JPEG and lossy WebP. */
  readonly quality: number;
  /** From the source file when it had the same format: chroma subsampling, progressive, lossless WebP. */
  readonly encoding?: SourceEncoding;
  /** An ICC profile the pixels are in, embedded as it is (RGB profiles need colour output, grey ones grey). */
  readonly icc?: Uint8Array;
}

/**
 * The image in `format`, with no metadata but `icc`. Channels the pixels do not need are left out, which is
 * lossless: grey when every pixel is grey (and no RGB profile is kept), no alpha when every pixel is opaque.
 */
export async function encodeImage(
  image: RgbaImage,
  { format, quality, encoding, icc }: EncodeOptions,
): Promise<Buffer> {
  const space = icc ? iccColourSpace(icc) : undefined;
  const grey = space !== "RGB" && isGrey(image);
  const alpha = format !== "jpeg" && !isOpaque(image);
  if (space === "GRAY" && !grey) throw new Error("a grey colour profile cannot be kept for a colour output");
  const channels = (grey ? 1 : 3) + (alpha ? 1 : 0);
  const { width, height } = image;
  let pipeline = sharp(packChannels(image, grey, alpha), {
    raw: { width, height, channels: channels as 1 | 2 | 3 | 4 },
  });
  if (grey) pipeline = pipeline.toColourspace("b-w");
  const progressive = encoding?.progressive ?? false;
  if (format === "jpeg") {
    const chromaSubsampling = encoding?.chromaSubsampling?.startsWith("4:4:4") ? "4:4:4" : "4:2:0";
    pipeline = pipeline.jpeg({ quality, chromaSubsampling, progressive });
  } else if (format === "png") pipeline = pipeline.png({ progressive });
  else pipeline = pipeline.webp(encoding?.lossless ? { lossless: true } : { quality });
  const bytes = await pipeline.toBuffer();
  return icc ? attachIccProfile(bytes, format, icc, { width, height, alpha }) : bytes;
}

function isGrey({ data }: RgbaImage): boolean {
  for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  return true;
}

function isOpaque({ data }: RgbaImage): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

/** The RGBA pixels with only the channels kept: grey takes the red channel (all three are equal). */
function packChannels({ data }: RgbaImage, grey: boolean, alpha: boolean): Buffer {
  const keep = grey ? [0] : [0, 1, 2];
  if (alpha) keep.push(3);
  if (keep.length === 4) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const out = Buffer.alloc((data.length / 4) * keep.length);
  for (let i = 0, o = 0; i < data.length; i += 4) for (const c of keep) out[o++] = data[i + c]!;
  return out;
}

/** PNG bytes of an RGBA image, with no metadata. */
export function encodePng(image: RgbaImage): Promise<Buffer> {
  return encodeImage(image, { format: "png", quality: 100 });
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
