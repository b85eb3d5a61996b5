// Small builders for synthetic images and masks, seeded so failures reproduce.
import { randomSource } from "../../components/core/random.js";
import type { Mask, RgbaImage } from "../../components/core/types.js";

export function randomImage(width: number, height: number, seed = 1): RgbaImage {
  const random = randomSource(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const u = random();
    data[i] = u & 255;
    data[i + 1] = (u >>> 8) & 255;
    data[i + 2] = (u >>> 16) & 255;
    data[i + 3] = u >>> 24;
  }
  return { width, height, data };
}

/** An opaque grey image with the given grey levels, row by row. */
export function gray(width: number, height: number, values: number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  values.forEach((v, i) => {
    data.set([v, v, v, 255], i * 4);
  });
  return { width, height, data };
}

/** An image whose pixel at (x, y) encodes its own coordinates, so a copied pixel reveals its source. */
export function coordinateImage(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const j = (y * width + x) * 4;
      data[j] = x & 255;
      data[j + 1] = x >> 8;
      data[j + 2] = y & 255;
      data[j + 3] = y >> 8;
    }
  }
  return { width, height, data };
}

export function sourceOf(image: RgbaImage, x: number, y: number): { x: number; y: number } {
  const j = (y * image.width + x) * 4;
  return { x: image.data[j]! + (image.data[j + 1]! << 8), y: image.data[j + 2]! + (image.data[j + 3]! << 8) };
}

export function randomMask(width: number, height: number, density: number, seed = 2): Mask {
  const random = randomSource(seed);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = random() / 2 ** 32 < density ? 1 : 0;
  return { width, height, data };
}

export function maskFrom(rows: string[]): Mask {
  const height = rows.length,
    width = rows[0]?.length ?? 0;
  const data = new Uint8Array(width * height);
  rows.forEach((r, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = r[x] === "#" ? 1 : 0;
  });
  return { width, height, data };
}

export function maskRows(mask: Mask): string[] {
  const rows: string[] = [];
  for (let y = 0; y < mask.height; y++) {
    let s = "";
    for (let x = 0; x < mask.width; x++) s += mask.data[y * mask.width + x] ? "#" : ".";
    rows.push(s);
  }
  return rows;
}

export function fullMask(width: number, height: number): Mask {
  return { width, height, data: new Uint8Array(width * height).fill(1) };
}

export function pixel(image: RgbaImage, x: number, y: number): number[] {
  const j = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(j, j + 4));
}

/** Pixels outside the mask must be byte-identical. */
export function unmaskedEqual(a: RgbaImage, b: RgbaImage, mask: Mask): boolean {
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i]) continue;
    for (let c = 0; c < 4; c++) if (a.data[i * 4 + c] !== b.data[i * 4 + c]) return false;
  }
  return true;
}
