// Turning a user's file (or a shipped sample) into RGBA pixels in the browser. The photo never leaves the
// page: decoding happens here, with the EXIF orientation applied so the result and its mask stay upright.
import type { RgbaImage } from "../core/types.js";

/** Larger photos are scaled down to this many pixels so a tab never runs out of memory. */
export const MAX_PHOTO_PIXELS = 24_000_000;

export interface Photo {
  readonly name: string;
  readonly image: RgbaImage;
  /** Things the visitor should know about how the file was read (e.g. that it was scaled down). */
  readonly notes: string[];
}

/** Decodes an image file; throws an Error whose message says plainly why a file cannot be used. */
export async function decodePhoto(file: Blob, name = (file as File).name ?? "photo"): Promise<Photo> {
  if (file.size === 0) throw new Error(`${name} is empty`);
  if (file.type && !file.type.startsWith("image/")) throw new Error(`${name} is not an image (${file.type})`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new Error(`${name} is not a readable image (the browser could not decode it)`);
  }
  const notes: string[] = [];
  const { width: fullWidth, height: fullHeight } = bitmap;
  if (fullWidth * fullHeight > MAX_PHOTO_PIXELS) {
    const scale = Math.sqrt(MAX_PHOTO_PIXELS / (fullWidth * fullHeight));
    const resizeWidth = Math.max(1, Math.floor(fullWidth * scale));
    const resizeHeight = Math.max(1, Math.floor(fullHeight * scale));
    bitmap.close();
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image", resizeWidth, resizeHeight, resizeQuality: "high" });
    notes.push(`scaled down from ${fullWidth}×${fullHeight} to ${resizeWidth}×${resizeHeight} to fit in memory`);
  }
  try {
    return { name, image: bitmapPixels(bitmap), notes };
  } finally {
    bitmap.close();
  }
}

/** Fetches and decodes a photo shipped with the site. */
export async function loadSamplePhoto(url: string, name: string): Promise<Photo> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${name} could not be loaded (HTTP ${response.status})`);
  return decodePhoto(await response.blob(), name);
}

function bitmapPixels(bitmap: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("this browser cannot read image pixels (no 2D canvas)");
  context.drawImage(bitmap, 0, 0);
  const { width, height, data } = context.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: "srgb" });
  return { width, height, data };
}
