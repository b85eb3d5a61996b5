// Each person's mask in their own colour over the dimmed photo the models saw; optionally the frame of each
// person's region and the outline of the final (grown) mask, what will actually be hidden. The view is made once
// per page: `setPhoto` shows a photo, `update` draws a mask stage in place of the last one, `addRegion` one
// person as soon as they are segmented. The people and the outline are drawn at the size they are shown, so
// their cost follows the screen, not the photo.
import { maskArea, resizeMaskNearest, thresholdProbabilities } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import type { MaskStage, PersonRegion } from "../pipeline/stages.js";
import { watchDrawnSize } from "./drawn-size.js";
import { ImageCanvas, paintCanvas } from "./image-canvas.js";
import { caption, css, HALO, layered, outline, personColor } from "./paint.js";
import { describeMasks } from "./stage-descriptions.js";

export interface PersonMasksOptions {
  /** A frame around each region: dashed for a padded detector box, dotted for a multi-person region. */
  frames?: boolean;
  /** The outline of the final mask (after growth), in white. */
  outline?: boolean;
  /** A sentence under the photo: where the regions came from, and any fallback ellipses. */
  key?: boolean;
  id?: string;
}

type Person = MaskStage["people"][number];

export interface PersonMasksElement extends HTMLElement {
  /** Shows `image`, the photo the models saw (region boxes and person masks are in its pixels), with no masks. */
  setPhoto(image: RgbaImage): void;
  /**
   * Draws a mask stage in place of the last one. Without `people` (a provisional mask, before segmentation
   * ends), only the outline changes and the people drawn so far stay.
   */
  update(masks: { readonly mask: Mask; readonly people?: MaskStage["people"] }): void;
  /** Draws one more person as soon as they are segmented (the index-th of this run; 0 clears the others). Both draw at the next frame. */
  addRegion(region: PersonRegion, index: number, threshold: number): void;
}

export function PersonMasks({
  frames = true,
  outline: withOutline = false,
  key = true,
  id,
}: PersonMasksOptions = {}): PersonMasksElement {
  let width = 1,
    height = 1;
  const base = ImageCanvas({ width: 0, height: 0, data: new Uint8ClampedArray() });
  // The people, on a canvas of their own over the photo, at the size it is drawn: redrawn without touching the
  // photo, at the cost of the pixels on screen.
  const tints = document.createElement("canvas");
  tints.setAttribute("aria-hidden", "true");
  tints.style.cssText = "position:absolute;inset:0;width:100%;height:100%;";
  const tintContext = tints.getContext("2d")!;
  const scratch = new OffscreenCanvas(1, 1);

  const { figure, svg } = layered(base, { size: { width, height } });
  figure.insertBefore(tints, base.nextSibling);
  // One image for screen readers, named by what it shows (describeMasks), renamed with each mask stage.
  figure.setAttribute("role", "img");
  const describe = (what: Parameters<typeof describeMasks>[0]) =>
    figure.setAttribute("aria-label", describeMasks(what));
  describe({});
  const outlineGroup = svg.append("g");
  const drawn = watchDrawnSize(base);

  const root = document.createElement("div") as unknown as PersonMasksElement;
  if (id) root.id = id;
  root.append(figure);
  const sentence = key ? caption("") : undefined;
  if (sentence) root.append(sentence);

  let people: Person[] = [];
  /** The tints' pixel grid: the drawn size, never more than the photo's. */
  const fitTints = () => {
    const size = drawn.size(width / height);
    const w = Math.min(width, size?.width ?? width),
      h = Math.min(height, size?.height ?? height);
    if (tints.width !== w || tints.height !== h) {
      tints.width = w;
      tints.height = h;
    }
  };
  const paintPerson = ({ region, mask }: Person, k: number) => {
    if (!mask.data.length) return;
    const [r, g, b] = personColor(k);
    const pixels = new ImageData(mask.width, mask.height);
    // One 32-bit write per masked pixel (RGBA bytes in memory order, alpha 160).
    const words = new Uint32Array(pixels.data.buffer);
    const color = new Uint32Array(new Uint8Array([r, g, b, 160]).buffer)[0]!;
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) words[i] = color;
    scratch.width = mask.width;
    scratch.height = mask.height;
    scratch.getContext("2d")!.putImageData(pixels, 0, 0);
    const { x, y, width: w, height: h } = region.box;
    const sx = tints.width / width,
      sy = tints.height / height;
    tintContext.drawImage(scratch, x * sx, y * sy, w * sx, h * sy);
  };
  const showPeople = () => {
    fitTints();
    tintContext.clearRect(0, 0, tints.width, tints.height);
    people.forEach(paintPerson);
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
    if (sentence) {
      const fromBoxes = people.filter((p) => p.region.source === "box").length;
      const fallbacks = people.filter((p) => p.fallback).length;
      sentence.textContent =
        `${people.length} regions: ${fromBoxes} cut from detector boxes (dashed frame: the padded crop BodyPix saw), ` +
        `${people.length - fromBoxes} from multi-person BodyPix (dotted frame: around the pixels it gave that person).` +
        (fallbacks
          ? ` ${fallbacks} confidently detected ${fallbacks === 1 ? "person was" : "people were"} barely marked by BodyPix; the pipeline hides ${fallbacks === 1 ? "that person" : "them"} with an ellipse over the detector's box instead.`
          : "");
    }
  };
  const showOutline = (mask: Mask) => {
    // Traced at the drawn size (never more than the mask's own), and scaled to the photo's pixels.
    const size = drawn.size(width / height);
    const w = Math.min(mask.width, size?.width ?? width),
      h = Math.min(mask.height, size?.height ?? height);
    const traced = w === mask.width && h === mask.height ? mask : resizeMaskNearest(mask, w, h);
    outlineGroup
      .attr("transform", `scale(${width / w} ${height / h})`)
      .selectAll("path")
      .data([
        [HALO, 3],
        ["#ffffff", 1.5],
      ] as const)
      .join("path")
      .attr("fill", "none")
      .attr("stroke", (d) => d[0])
      .attr("stroke-width", (d) => d[1])
      .attr("stroke-linejoin", "round")
      .attr("vector-effect", "non-scaling-stroke")
      .attr("d", outline(traced));
  };

  // Drawn at the next frame, the latest state only: a mask arriving while others are on their way (a slider
  // moving) costs nothing until the screen shows it, and never delays the work that follows it.
  let outlined: Mask | undefined;
  let pending: { people: boolean; outline: boolean } | undefined;
  const draw = (what: { people?: boolean; outline?: boolean }) => {
    if (!pending) {
      pending = { people: false, outline: false };
      requestAnimationFrame(() => {
        const { people: redraw, outline: trace } = pending!;
        pending = undefined;
        if (redraw) showPeople();
        if (trace && outlined) showOutline(outlined);
      });
    }
    pending.people ||= what.people ?? false;
    pending.outline ||= what.outline ?? false;
  };

  root.setPhoto = (image) => {
    ({ width, height } = image);
    paintCanvas(base, image);
    const context = base.getContext("2d")!;
    // Desaturate and dim the photo in place (on the canvas, fast at any size), so the masks stand out.
    context.globalCompositeOperation = "saturation";
    context.fillStyle = "#808080";
    context.fillRect(0, 0, width, height);
    context.globalCompositeOperation = "multiply";
    context.fillStyle = "#707070";
    context.fillRect(0, 0, width, height);
    context.globalCompositeOperation = "source-over";
    svg.attr("viewBox", `0 0 ${width} ${height}`);
    people = [];
    outlined = undefined;
    delete root.dataset.people;
    outlineGroup.selectAll("path").remove();
    describe({});
    draw({ people: true });
  };
  root.update = (masks) => {
    if (masks.people) {
      people = [...masks.people];
      root.dataset.people = String(people.length);
    }
    outlined = masks.mask;
    if (masks.people) describe({ masks: people.length, maskShare: maskArea(masks.mask) / masks.mask.data.length });
    draw({ people: masks.people !== undefined, outline: withOutline });
  };
  root.addRegion = (region, index, threshold) => {
    if (index === 0) people = [];
    people.push({ region, mask: thresholdProbabilities(region.probabilities, threshold), fallback: false });
    root.dataset.people = String(people.length);
    describe({ masks: people.length });
    draw({ people: true });
  };
  return root;
}
