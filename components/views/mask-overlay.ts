// Each person's mask in its own colour over a dimmed photo, and the outline of the grown mask (what will
// actually be hidden), so the effect of the thresholds and of the growth can be seen side by side.
import * as d3 from "d3";
import { resizeMaskNearest } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import type { MaskStage } from "../pipeline/stages.js";

export interface MaskOverlayOptions {
  /** The photo the models saw (region boxes and person masks are in its pixels). */
  image: RgbaImage;
}

const OUTLINE = "#ffffff";
const HALO = "rgba(0, 0, 0, 0.7)";

/** Colour of the i-th person, shared with any legend the page draws. */
export function personColor(i: number): string {
  return d3.schemeTableau10[i % d3.schemeTableau10.length]!;
}

export function MaskOverlay(masks: Pick<MaskStage, "mask" | "people">, { image }: MaskOverlayOptions): HTMLElement {
  const { width, height } = image;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute("aria-label", `${masks.people.length} person masks over the dimmed photo`);
  canvas.style.cssText = "display:block;width:100%;height:auto;";
  const context = canvas.getContext("2d")!;
  context.putImageData(new ImageData(new Uint8ClampedArray(image.data), width, height), 0, 0);
  // Dim and desaturate the photo in place, so the coloured masks stand out in both themes.
  context.globalCompositeOperation = "saturation";
  context.fillStyle = "#808080";
  context.fillRect(0, 0, width, height);
  context.globalCompositeOperation = "multiply";
  context.fillStyle = "#707070";
  context.fillRect(0, 0, width, height);
  context.globalCompositeOperation = "source-over";
  masks.people.forEach(({ region, mask }, i) => {
    const { x, y, width: w, height: h } = region.box;
    context.drawImage(tinted(mask, personColor(i)), x, y, w, h);
  });

  // The grown mask is at full resolution; its outline is traced at the displayed photo's size.
  const grown =
    masks.mask.width === width && masks.mask.height === height
      ? masks.mask
      : resizeMaskNearest(masks.mask, width, height);
  const outline = d3
    .contours()
    .size([width, height])
    .contour(grown.data as unknown as number[], 0.5);
  const path = d3.geoPath()(outline) ?? "";
  const svg = d3
    .create("svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("aria-hidden", "true")
    .style("position", "absolute")
    .style("inset", "0")
    .style("width", "100%")
    .style("height", "100%")
    .style("overflow", "hidden");
  for (const [stroke, strokeWidth] of [
    [HALO, 3],
    [OUTLINE, 1.5],
  ] as const) {
    svg
      .append("path")
      .attr("d", path)
      .attr("fill", "none")
      .attr("stroke", stroke)
      .attr("stroke-width", strokeWidth)
      .attr("stroke-linejoin", "round")
      .attr("vector-effect", "non-scaling-stroke");
  }

  const figure = document.createElement("figure");
  figure.style.cssText = "position:relative;margin:0;";
  figure.append(canvas, svg.node()!);
  return figure;
}

/** A canvas of the mask's size: `color` at 60% where the mask is set, transparent elsewhere. */
function tinted(mask: Mask, color: string): HTMLCanvasElement {
  const { r, g, b } = d3.rgb(color);
  const pixels = new Uint8ClampedArray(mask.width * mask.height * 4);
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    pixels.set([r, g, b, 160], i * 4);
  }
  const canvas = document.createElement("canvas");
  canvas.width = mask.width;
  canvas.height = mask.height;
  if (pixels.length) canvas.getContext("2d")!.putImageData(new ImageData(pixels, mask.width, mask.height), 0, 0);
  return canvas;
}
