// Hiding a person the segmenter has not seen yet: the ellipse inscribed in their box.
import { checkMask } from "./mask.js";
import type { Box, Mask } from "./types.js";

/** Sets every pixel of `mask` whose centre lies inside the ellipse inscribed in `box` (parts outside the mask are dropped). */
export function fillEllipse(mask: Mask, box: Box): void {
  checkMask(mask);
  if (!(box.width > 0 && box.height > 0)) return;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const rx = box.width / 2;
  const ry = box.height / 2;
  const y0 = Math.max(0, Math.floor(box.y));
  const y1 = Math.min(mask.height, Math.ceil(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    const dy = (y + 0.5 - cy) / ry;
    if (dy * dy > 1) continue;
    const half = rx * Math.sqrt(1 - dy * dy);
    // Pixels whose centre x + 0.5 lies in [cx - half, cx + half].
    const x0 = Math.max(0, Math.ceil(cx - half - 0.5));
    const x1 = Math.min(mask.width - 1, Math.floor(cx + half - 0.5));
    if (x1 >= x0) mask.data.fill(1, y * mask.width + x0, y * mask.width + x1 + 1);
  }
}
