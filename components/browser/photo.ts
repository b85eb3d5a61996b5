// Turning a user's file (or a shipped sample) into RGBA pixels in the browser. The photo never leaves the
// page: decoding happens here, with the EXIF orientation applied so the result and its mask stay upright.
// The file's header is read first, so an oversized file is refused before the browser tries to decode it.
// Opening a file (decodePhotoSource) leaves its pixels unread: the browser decodes off the page's thread, and
// the pixel worker reads them (pipeline-client.ts); decodePhoto reads them here.
import { transparentShare } from "../core/image.js";
import type { RgbaImage } from "../core/types.js";
import { type ImageHeader, orientedSize, readImageHeader } from "./image-header.js";
import { readPixels } from "./read-pixels.js";

/** Larger photos are scaled down to this many pixels so the pipeline's copies fit in a tab's memory. */
export const MAX_PHOTO_PIXELS = 24_000_000;
/**
 * Larger files are refused unread. Chromium decodes the full size before any scaling (a 20000×20000 PNG
 * took 8 s and 1.6 GB there), which is more than many devices have for one tab.
 */
export const MAX_DECODE_PIXELS = 120_000_000;
/** An SVG with no size of its own is drawn with this longer side (browsers would use 300×150). */
export const SVG_DEFAULT_SIDE = 1024;

export interface Photo {
  readonly name: string;
  readonly image: RgbaImage;
  /** Things the visitor should know about how the file was read (e.g. that it was scaled down). */
  readonly notes: string[];
}

/** A photo decoded but not yet read: a bitmap (its pixels read where they are needed), or pixels already read (SVG). */
export interface PhotoSource {
  readonly name: string;
  readonly source: ImageBitmap | RgbaImage;
  readonly width: number;
  readonly height: number;
  /** What the visitor should know so far; transparencyNotes adds what the pixels tell. */
  readonly notes: string[];
}

interface Size {
  width: number;
  height: number;
}

/** Decodes an image file; throws an Error whose message says plainly why a file cannot be used. */
export async function decodePhoto(file: Blob, name = (file as File).name ?? "photo"): Promise<Photo> {
  const { source, width, height, notes } = await decodePhotoSource(file, name);
  let image: RgbaImage;
  if (source instanceof ImageBitmap) {
    try {
      image = readPixels(source, width, height);
    } finally {
      source.close();
    }
  } else image = source;
  return { name, image, notes: [...notes, ...transparencyNotes(transparentShare(image))] };
}

/**
 * Checks and decodes an image file without reading its pixels; throws an Error whose message says plainly why a
 * file cannot be used.
 */
export async function decodePhotoSource(file: Blob, name = (file as File).name ?? "photo"): Promise<PhotoSource> {
  if (file.size === 0) throw new Error(`${name} is empty`);
  const header = readImageHeader(new Uint8Array(await file.arrayBuffer()));
  // The bytes decide, not the type the browser guessed from the name; the type only names a non-image.
  if (!header && file.type && !file.type.startsWith("image/"))
    throw new Error(`${name} is not an image (${file.type})`);
  const notes: string[] = [];
  if (header?.format === "svg") {
    const image = await drawSvg(file, name, notes);
    return { name, source: image, width: image.width, height: image.height, notes };
  }
  if (header) checkSize(header, name);
  const bitmap = await decodeBitmap(file, name, header, notes);
  if (header && header.frames > 1)
    notes.push(`animated ${header.format === "gif" ? "GIF" : "WebP"}: the first of ${header.frames} frames was used`);
  if (header && header.orientation > 1) notes.push(`EXIF orientation ${header.orientation} applied`);
  return { name, source: bitmap, width: bitmap.width, height: bitmap.height, notes };
}

/** What a photo's share of transparent pixels means for the visitor (nothing when it has none). */
export function transparencyNotes(share: number): string[] {
  if (!(share > 0)) return [];
  const percent = share < 0.01 ? "under 1%" : `${Math.round(100 * share)}%`;
  return [
    `partly transparent (${percent} of pixels): people are looked for in the colours alone, and the result keeps the transparency`,
  ];
}

/** Fetches and decodes a photo shipped with the site. */
export async function loadSamplePhoto(url: string, name: string): Promise<Photo> {
  return decodePhoto(await fetchSample(url, name), name);
}

/** Fetches and decodes a photo shipped with the site, leaving its pixels unread. */
export async function loadSampleSource(url: string, name: string): Promise<PhotoSource> {
  return decodePhotoSource(await fetchSample(url, name), name);
}

async function fetchSample(url: string, name: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name} could not be loaded (HTTP ${response.status})`);
  return response.blob();
}

function checkSize(header: ImageHeader, name: string): void {
  const { width, height } = orientedSize(header);
  if (width === 0 || height === 0)
    throw new Error(`${name} is not a readable image (its header gives a size of ${width}×${height})`);
  if (width * height > MAX_DECODE_PIXELS) {
    const megapixels = (n: number) => `${Math.round(n / 1e6)} megapixels`;
    throw new Error(
      `${name} is too large: ${width}×${height} is ${megapixels(width * height)}; this page reads photos up to ${megapixels(MAX_DECODE_PIXELS)} ` +
        `(the command-line tool reads larger ones)`,
    );
  }
}

/** The size that fits in MAX_PHOTO_PIXELS, or undefined when `size` already does. */
function fitted({ width, height }: Size): Size | undefined {
  if (width * height <= MAX_PHOTO_PIXELS) return undefined;
  const scale = Math.sqrt(MAX_PHOTO_PIXELS / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

async function decodeBitmap(
  file: Blob,
  name: string,
  header: ImageHeader | undefined,
  notes: string[],
): Promise<ImageBitmap> {
  const decode = (size?: Size) =>
    createImageBitmap(file, {
      imageOrientation: "from-image",
      ...(size ? { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: "high" } : {}),
    }).catch(() => {
      throw new Error(`${name} is not a readable image (the browser could not decode it)`);
    });
  // Scaled in the one decode when the header gave the size; a format read only by the browser (e.g. AVIF)
  // is measured after decoding.
  let full = header ? orientedSize(header) : undefined;
  let target = full && fitted(full);
  let bitmap = await decode(target);
  if (!full) {
    full = { width: bitmap.width, height: bitmap.height };
    target = fitted(full);
    if (target) {
      bitmap.close();
      bitmap = await decode(target);
    }
  }
  if (target)
    notes.push(`scaled down from ${full.width}×${full.height} to ${target.width}×${target.height} to fit in memory`);
  return bitmap;
}

/**
 * createImageBitmap cannot decode SVG in Chromium, so it is drawn through an <img>, where it can run no
 * script and load nothing from the network, at its own size or, with none, at SVG_DEFAULT_SIDE.
 */
async function drawSvg(file: Blob, name: string, notes: string[]): Promise<RgbaImage> {
  const parsed = new DOMParser().parseFromString(await file.text(), "image/svg+xml");
  const root = parsed.documentElement;
  if (root.localName !== "svg" || parsed.querySelector("parsererror"))
    throw new Error(`${name} is not a readable image (invalid SVG)`);
  const url = URL.createObjectURL(new Blob([file], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode().catch(() => {
      throw new Error(`${name} is not a readable image (the browser could not draw this SVG)`);
    });
    const sized = [root.getAttribute("width"), root.getAttribute("height")].every(
      (v) => v !== null && !v.trim().endsWith("%"),
    );
    let size: Size = { width: img.naturalWidth, height: img.naturalHeight };
    if (size.width === 0 || size.height === 0) throw new Error(`${name} is not a readable image (the SVG has no area)`);
    if (!sized) {
      const scale = SVG_DEFAULT_SIDE / Math.max(size.width, size.height);
      size = {
        width: Math.max(1, Math.round(size.width * scale)),
        height: Math.max(1, Math.round(size.height * scale)),
      };
      notes.push(`SVG with no size of its own: drawn at ${size.width}×${size.height}`);
    }
    const target = fitted(size);
    if (target)
      notes.push(
        `SVG drawn at ${target.width}×${target.height} rather than its ${size.width}×${size.height}, to fit in memory`,
      );
    try {
      return readPixels(img, (target ?? size).width, (target ?? size).height);
    } catch (error) {
      if ((error as Error).name !== "SecurityError") throw error;
      throw new Error(
        `${name} cannot be used: the browser does not let pages read the pixels of an SVG that holds HTML`,
      );
    }
  } finally {
    URL.revokeObjectURL(url);
  }
}
