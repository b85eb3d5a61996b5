// What an image file is, read from its bytes before any decoding: the format, the stored size, the
// number of animation frames and the EXIF orientation. The browser decoder allocates the full-size
// bitmap first, so an oversized file must be refused from its header, and the browser says nothing
// about frames it skipped. Pure byte parsing: no DOM, so it is unit-tested in Node.

export type ImageFormat = "png" | "jpeg" | "gif" | "webp" | "bmp" | "svg";

export interface ImageHeader {
  readonly format: ImageFormat;
  /** Stored size, before any EXIF orientation; 0 when the header does not give it (SVG). */
  readonly width: number;
  readonly height: number;
  /** Frames in an animated GIF or WebP; 1 otherwise. */
  readonly frames: number;
  /** EXIF orientation 1–8 of a JPEG (1 when absent); 5–8 swap width and height. */
  readonly orientation: number;
}

/** The header of a PNG, JPEG, GIF, WebP, BMP or SVG file, or undefined for anything else. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));
  const base = { frames: 1, orientation: 1 };
  if (bytes.length >= 24 && ascii(1, 3) === "PNG" && ascii(12, 4) === "IHDR") {
    return { ...base, format: "png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return readJpeg(bytes, view);
  if (bytes.length >= 10 && (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a")) {
    return {
      ...base,
      format: "gif",
      width: view.getUint16(6, true),
      height: view.getUint16(8, true),
      frames: countGifFrames(bytes),
    };
  }
  if (bytes.length >= 30 && ascii(0, 4) === "RIFF" && ascii(8, 4) === "WEBP") return readWebp(bytes, view, ascii);
  if (bytes.length >= 26 && ascii(0, 2) === "BM") {
    return {
      ...base,
      format: "bmp",
      width: Math.abs(view.getInt32(18, true)),
      height: Math.abs(view.getInt32(22, true)),
    };
  }
  if (looksLikeSvg(bytes)) return { ...base, format: "svg", width: 0, height: 0 };
  return undefined;
}

/** Width and height as displayed, after the EXIF orientation is applied. */
export function orientedSize({ width, height, orientation }: ImageHeader): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

function readJpeg(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let orientation = 1;
  for (let i = 2; i + 4 <= bytes.length; ) {
    if (bytes[i] !== 0xff) return undefined; // not a marker where one must be: corrupt
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(i + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), hold the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > bytes.length) return undefined;
      return { format: "jpeg", width: view.getUint16(i + 7), height: view.getUint16(i + 5), frames: 1, orientation };
    }
    if (marker === 0xe1) orientation = exifOrientation(bytes.subarray(i + 4, i + 2 + length)) ?? orientation;
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data (or the end) before any frame header
    i += 2 + length;
  }
  return undefined;
}

/** The orientation tag (0x0112) of an APP1 "Exif" segment's first IFD. */
function exifOrientation(segment: Uint8Array): number | undefined {
  if (segment.length < 14 || String.fromCharCode(...segment.subarray(0, 4)) !== "Exif") return undefined;
  const tiff = new DataView(segment.buffer, segment.byteOffset + 6, segment.byteLength - 6);
  const little = tiff.getUint16(0) === 0x4949; // "II"
  const ifd = tiff.getUint32(4, little);
  if (ifd + 2 > tiff.byteLength) return undefined;
  const count = tiff.getUint16(ifd, little);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + 12 * k;
    if (entry + 12 > tiff.byteLength) return undefined;
    if (tiff.getUint16(entry, little) === 0x0112) {
      const value = tiff.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** Counts image descriptors by walking the GIF's blocks (stops quietly at a truncated end). */
function countGifFrames(bytes: Uint8Array): number {
  const skipSubBlocks = (i: number) => {
    while (i < bytes.length && bytes[i] !== 0) i += bytes[i]! + 1;
    return i + 1;
  };
  const colourTable = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let frames = 0;
  let i = 13 + colourTable(bytes[10]!);
  while (i < bytes.length) {
    const block = bytes[i];
    if (block === 0x2c) {
      frames++;
      if (i + 10 > bytes.length) break;
      i = skipSubBlocks(i + 10 + colourTable(bytes[i + 9]!) + 1); // descriptor, local colours, LZW code size, data
    } else if (block === 0x21)
      i = skipSubBlocks(i + 2); // extension: introducer, label, sub-blocks
    else break; // trailer (0x3b) or garbage
  }
  return Math.max(frames, 1);
}

function readWebp(
  bytes: Uint8Array,
  view: DataView,
  ascii: (offset: number, length: number) => string,
): ImageHeader | undefined {
  const chunk = ascii(12, 4);
  const base = { format: "webp" as const, orientation: 1 };
  if (chunk === "VP8 ")
    return { ...base, width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff, frames: 1 };
  if (chunk === "VP8L") {
    const bits = view.getUint32(21, true);
    return { ...base, width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, frames: 1 };
  }
  if (chunk === "VP8X") {
    const uint24 = (offset: number) => bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
    let frames = 0;
    for (let i = 12; i + 8 <= bytes.length; i += 8 + view.getUint32(i + 4, true) + (view.getUint32(i + 4, true) & 1)) {
      if (ascii(i, 4) === "ANMF") frames++;
    }
    return { ...base, width: uint24(24) + 1, height: uint24(27) + 1, frames: Math.max(frames, 1) };
  }
  return undefined;
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const start = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF?\s*/, "");
  return start.startsWith("<") && /<svg[\s>]/.test(start);
}
