// Small drawing helpers shared by the stage views: tinting masks over photos, outlining masks, and a
// photo with an SVG layer on top that uses the photo's own pixel coordinates.
// d3's own modules, not the "d3" bundle: a page that draws only these loads 7 modules, not 31.
import { rgb } from "d3-color";
import { contours } from "d3-contour";
import { geoPath } from "d3-geo";
import { schemeTableau10 } from "d3-scale-chromatic";
import { select } from "d3-selection";
import type { Box, Mask, RgbaImage } from "../core/types.js";
import { ImageCanvas } from "./image-canvas.js";

export type Rgb = readonly [number, number, number];

/** Distinct colours for people and modes, readable over photos in both themes (d3's Tableau 10). */
const PALETTE: readonly Rgb[] = schemeTableau10.map((c) => {
  const { r, g, b } = rgb(c);
  return [r, g, b] as const;
});

export function css([r, g, b]: Rgb, alpha = 1): string {
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Drawn under every mark on a photo, wider than the mark, so it reads over light and dark pixels alike. */
export const HALO = "rgba(0, 0, 0, 0.65)";

/** The colour of the i-th person (or mode), wherever people are drawn in their own colours. */
export function personColor(i: number): Rgb {
  return PALETTE[i % PALETTE.length]!;
}

/** A copy of `image` with every channel scaled towards black (factor 1 = unchanged). */
export function dimmed(image: RgbaImage, factor: number): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i]! * factor;
    data[i + 1] = data[i + 1]! * factor;
    data[i + 2] = data[i + 2]! * factor;
  }
  return { width: image.width, height: image.height, data };
}

/** Blends `color` into `image` (in place) wherever `mask` is set; `at` places a smaller mask. */
export function tint(
  image: RgbaImage,
  mask: Mask,
  color: Rgb,
  alpha: number,
  at: { x: number; y: number } = { x: 0, y: 0 },
): void {
  const { data } = image;
  for (let y = 0; y < mask.height; y++) {
    const iy = y + at.y;
    if (iy < 0 || iy >= image.height) continue;
    for (let x = 0; x < mask.width; x++) {
      const ix = x + at.x;
      if (ix < 0 || ix >= image.width || mask.data[y * mask.width + x] === 0) continue;
      const o = (iy * image.width + ix) * 4;
      for (let c = 0; c < 3; c++) data[o + c] = data[o + c]! * (1 - alpha) + color[c]! * alpha;
    }
  }
}

/** SVG path data of the outline of a 0/1 mask, or of its part inside `box` in coordinates relative to the box. */
export function outline(mask: Mask, box: Box = { x: 0, y: 0, width: mask.width, height: mask.height }): string {
  let values = mask.data;
  if (box.x !== 0 || box.y !== 0 || box.width !== mask.width || box.height !== mask.height) {
    values = new Uint8Array(box.width * box.height);
    for (let y = 0; y < box.height; y++) {
      const from = (y + box.y) * mask.width + box.x;
      values.set(mask.data.subarray(from, from + box.width), y * box.width);
    }
  }
  // The bytes as they are: d3 only indexes them, and copying a photo-sized mask into an array costs ~10×.
  const shape = contours()
    .size([box.width, box.height])
    .smooth(false)
    .contour(values as unknown as number[], 0.5);
  return geoPath()(shape) ?? "";
}

export interface LayeredOptions {
  label?: string;
  pixelated?: boolean;
  /** The size the overlay's coordinates refer to, when the image shown is a scaled copy; the image's own by default. */
  size?: { readonly width: number; readonly height: number };
}

/**
 * The image (a canvas, or an RgbaImage drawn into one) with an SVG on top whose viewBox is the photo's pixel
 * grid, so overlays are drawn in photo pixels and scale with it. Returns the wrapper and the SVG to draw into.
 */
export function layered(
  image: RgbaImage | HTMLCanvasElement,
  { label, pixelated = false, size = image }: LayeredOptions = {},
) {
  const figure = document.createElement("div");
  figure.style.cssText = "position:relative;line-height:0;";
  const canvas = image instanceof HTMLCanvasElement ? image : ImageCanvas(image, label ? { label } : {});
  if (pixelated) canvas.style.imageRendering = "pixelated";
  figure.append(canvas);
  // The marks drawn over the image are what its name (or the element holding both) says in words: hidden from
  // screen readers, which would otherwise read each mark's tooltip as loose text.
  const svg = select(figure)
    .append("svg")
    .attr("aria-hidden", "true")
    .attr("viewBox", `0 0 ${size.width} ${size.height}`)
    .attr("preserveAspectRatio", "none")
    .style("position", "absolute")
    .style("inset", "0")
    .style("width", "100%")
    .style("height", "100%")
    .style("overflow", "hidden");
  return { figure, svg };
}

/** A caption under a view, in the theme's muted colour. */
export function caption(text: string): HTMLElement {
  const p = document.createElement("p");
  p.style.cssText = "margin:0.4rem 0 0;font-size:0.85rem;color:var(--theme-foreground-muted);";
  p.textContent = text;
  return p;
}
