// Each person's mask in their own colour over the dimmed photo the models saw; optionally the frame of each
// person's region and the outline of the final (grown) mask, what will actually be hidden.
import { resizeMaskNearest } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import type { MaskStage } from "../pipeline/stages.js";
import { ImageCanvas } from "./image-canvas.js";
import { caption, css, HALO, layered, outline, personColor } from "./paint.js";

export interface PersonMasksOptions {
  /** The photo the models saw: region boxes and person masks are in its pixels. */
  image: RgbaImage;
  /** A frame around each region: dashed for a padded detector box, dotted for a multi-person region. */
  frames?: boolean;
  /** The outline of the final mask (after growth), in white. */
  outline?: boolean;
  /** A sentence under the photo: where the regions came from, and any fallback ellipses. */
  key?: boolean;
  id?: string;
}

export function PersonMasks(
  masks: Pick<MaskStage, "mask" | "people">,
  { image, frames = true, outline: withOutline = false, key = true, id }: PersonMasksOptions,
): HTMLElement {
  const { people } = masks;
  const canvas = ImageCanvas(image, { label: `${people.length} person masks over the dimmed photo` });
  const context = canvas.getContext("2d")!;
  // Desaturate and dim the photo in place (on the canvas, fast at any size), so the masks stand out.
  context.globalCompositeOperation = "saturation";
  context.fillStyle = "#808080";
  context.fillRect(0, 0, image.width, image.height);
  context.globalCompositeOperation = "multiply";
  context.fillStyle = "#707070";
  context.fillRect(0, 0, image.width, image.height);
  context.globalCompositeOperation = "source-over";
  people.forEach(({ region, mask }, k) => {
    const { x, y, width, height } = region.box;
    context.drawImage(tinted(mask, k), x, y, width, height);
  });

  const { figure, svg } = layered(canvas);
  if (frames) {
    svg
      .selectAll("rect")
      .data(people)
      .join("rect")
      .attr("x", (d) => d.region.box.x)
      .attr("y", (d) => d.region.box.y)
      .attr("width", (d) => d.region.box.width)
      .attr("height", (d) => d.region.box.height)
      .attr("fill", "none")
      .attr("stroke", (_, k) => css(personColor(k)))
      .attr("stroke-dasharray", (d) => (d.region.source === "box" ? "4 3" : "1 2"))
      .attr("vector-effect", "non-scaling-stroke");
  }
  if (withOutline) {
    // The final mask is at full resolution; its outline is traced at the displayed photo's size.
    const { width, height } = image;
    const final =
      masks.mask.width === width && masks.mask.height === height
        ? masks.mask
        : resizeMaskNearest(masks.mask, width, height);
    const path = outline(final);
    for (const [stroke, strokeWidth] of [
      [HALO, 3],
      ["#ffffff", 1.5],
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
  }

  const root = document.createElement("div");
  if (id) root.id = id;
  root.dataset.people = String(people.length);
  root.append(figure);
  if (key) {
    const fromBoxes = people.filter((p) => p.region.source === "box").length;
    const fallbacks = people.filter((p) => p.fallback).length;
    root.append(
      caption(
        `${people.length} regions: ${fromBoxes} cut from detector boxes (dashed frame: the padded crop BodyPix saw), ` +
          `${people.length - fromBoxes} from multi-person BodyPix (dotted frame: around the pixels it gave that person).` +
          (fallbacks
            ? ` ${fallbacks} confidently detected ${fallbacks === 1 ? "person was" : "people were"} barely marked by BodyPix; the pipeline hides ${fallbacks === 1 ? "that person" : "them"} with an ellipse over the detector's box instead.`
            : ""),
      ),
    );
  }
  return root;
}

/** A canvas of the mask's size: the k-th person's colour, 60% opaque, where the mask is set; clear elsewhere. */
function tinted(mask: Mask, k: number): HTMLCanvasElement {
  const [r, g, b] = personColor(k);
  const pixels = new Uint8ClampedArray(mask.width * mask.height * 4);
  for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) pixels.set([r, g, b, 160], i * 4);
  const canvas = document.createElement("canvas");
  canvas.width = mask.width;
  canvas.height = mask.height;
  if (pixels.length) canvas.getContext("2d")!.putImageData(new ImageData(pixels, mask.width, mask.height), 0, 0);
  return canvas;
}
