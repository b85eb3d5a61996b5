// The same window of several images side by side (radii, methods, modes, an attack), magnified with hard pixels.
import { cropImage } from "../core/geometry.js";
import type { Box, RgbaImage } from "../core/types.js";
import { ImageCanvas } from "./image-canvas.js";
import { caption } from "./paint.js";

export interface CropItem {
  readonly title: string;
  readonly note?: string;
  readonly image: RgbaImage;
}

/** The `window` of each image in a grid that wraps to one column on a phone. */
export function CropGrid(
  items: readonly CropItem[],
  window: Box,
  { id, minWidth = 110, pixelated = true }: { id: string; minWidth?: number; pixelated?: boolean },
): HTMLElement {
  const grid = document.createElement("div");
  grid.id = id;
  grid.style.cssText = `display:grid;grid-template-columns:repeat(auto-fit,minmax(${minWidth}px,1fr));gap:0.75rem;align-items:start;`;
  for (const { title, note, image } of items) {
    const figure = document.createElement("figure");
    figure.style.margin = "0";
    const heading = document.createElement("div");
    // One line per title, so the crops in a row stay aligned.
    heading.style.cssText =
      "font-weight:600;margin-bottom:0.25rem;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;";
    heading.textContent = title;
    heading.title = title;
    const canvas = ImageCanvas(cropImage(image, window), { label: title });
    if (pixelated) canvas.style.imageRendering = "pixelated";
    figure.append(heading, canvas);
    if (note) figure.append(caption(note));
    grid.append(figure);
  }
  return grid;
}
