// Masks of one photo side by side (the segmentation modes), each over its own dimmed copy of the photo.
import { maskArea } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import { CropGrid } from "./crop-grid.js";
import { dimmed, type Rgb, tint } from "./paint.js";

export interface LabelledMask {
  readonly label: string;
  readonly mask: Mask;
  readonly color: Rgb;
}

/** Each mask over its own dimmed copy of the photo, in a row that wraps on narrow screens. */
export function MaskRow(image: RgbaImage, masks: readonly LabelledMask[], { id }: { id: string }): HTMLElement {
  const base = dimmed(image, 0.5);
  const items = masks.map(({ label, mask, color }) => {
    const painted = { ...base, data: new Uint8ClampedArray(base.data) };
    tint(painted, mask, color, 0.8);
    const area = maskArea(mask);
    return {
      title: label,
      image: painted,
      note: `${area.toLocaleString("en")} px (${((100 * area) / (mask.width * mask.height)).toFixed(1)}% of the photo)`,
    };
  });
  return CropGrid(items, whole(image), { id, minWidth: 120, pixelated: false });
}

/** The whole image as a crop window. */
export const whole = (image: RgbaImage) => ({ x: 0, y: 0, width: image.width, height: image.height });
