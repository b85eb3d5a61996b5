// Previews: while a control moves, the mask and the result are computed at the size they are drawn, with the
// same stages run on a PreparedImage whose `full` is a smaller copy of the photo, and every length in pixels
// of the photo (mask growth, obfuscation radius) scaled with it. The full-resolution result is computed
// when the input settles, and is always the one downloaded.
import { resizeImageArea } from "../core/image.js";
import type { PipelineSettings } from "./settings.js";
import type { PreparedImage } from "./stages.js";

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The photo's size scaled down to fit `within` (aspect kept, at least 1×1); undefined if it already fits. */
export function previewSize(full: Size, within: Size): Size | undefined {
  const scale = Math.min(within.width / full.width, within.height / full.height);
  if (!(scale < 1)) return undefined;
  return { width: Math.max(1, Math.round(full.width * scale)), height: Math.max(1, Math.round(full.height * scale)) };
}

/** `prepared` with `full` replaced by a copy of the photo at `size` (the models' copy is kept as it is). */
export function previewImage(prepared: PreparedImage, size: Size): PreparedImage {
  const full = resizeImageArea(prepared.full, size.width, size.height);
  return { full, inference: prepared.inference, scale: prepared.inference.width / size.width };
}

/** Settings for a preview `factor` times the photo's size: growth and radius scaled, a non-zero one kept ≥ 1. */
export function previewSettings<T extends Partial<Pick<PipelineSettings, "growth" | "radius">>>(
  settings: T,
  factor: number,
): T {
  const scaled = (pixels: number) => (pixels > 0 ? Math.max(1, Math.round(pixels * factor)) : 0);
  return {
    ...settings,
    ...(settings.growth === undefined ? {} : { growth: scaled(settings.growth) }),
    ...(settings.radius === undefined ? {} : { radius: scaled(settings.radius) }),
  };
}
