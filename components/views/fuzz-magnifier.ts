// The fuzz up close: point at a replaced pixel of the result and see where in the original its colour
// came from. The fuzz copies whole pixels from within r pixels, so the source must be an original pixel
// in that square with exactly the same RGBA value. We search for it rather than re-running the kernel's
// random numbers: when several pixels there share the colour, all are shown as equally possible.
import * as d3 from "d3";
import { cropImage } from "../core/geometry.js";
import type { Box, Mask, RgbaImage } from "../core/types.js";
import { caption, layered } from "./paint.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Original pixels within `radius` of `at` (clamped to the image) whose RGBA equals the result's at `at`, nearest first. */
export function possibleSources(original: RgbaImage, result: RgbaImage, at: Point, radius: number): Point[] {
  const o = new Uint32Array(original.data.buffer, original.data.byteOffset, original.width * original.height);
  const value = new Uint32Array(result.data.buffer, result.data.byteOffset, result.width * result.height)[
    at.y * result.width + at.x
  ];
  const found: Point[] = [];
  for (let y = Math.max(0, at.y - radius); y <= Math.min(original.height - 1, at.y + radius); y++) {
    for (let x = Math.max(0, at.x - radius); x <= Math.min(original.width - 1, at.x + radius); x++) {
      if (o[y * original.width + x] === value) found.push({ x, y });
    }
  }
  return found.sort((a, b) => Math.hypot(a.x - at.x, a.y - at.y) - Math.hypot(b.x - at.x, b.y - at.y));
}

/** Arrow keys and the step (x, y) each takes. */
const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** A square window of side 2r + 11 (at most 81) centred on `center`, inside the image. */
export function magnifierWindow(image: RgbaImage, center: Point, radius: number): Box {
  const side = Math.min(81, 2 * radius + 11, image.width, image.height);
  const x = Math.max(0, Math.min(image.width - side, center.x - (side >> 1)));
  const y = Math.max(0, Math.min(image.height - side, center.y - (side >> 1)));
  return { x, y, width: side, height: side };
}

/** A point on the mask's edge near the top of `focus` (a head, usually): masked and unmasked pixels both in view. */
export function edgePoint(mask: Mask, focus: Box): Point {
  const x = Math.round(focus.x + focus.width / 2);
  for (let y = Math.max(0, Math.round(focus.y)); y < Math.min(mask.height, focus.y + focus.height); y++) {
    if (mask.data[y * mask.width + x]) return { x, y: y + 4 };
  }
  return { x, y: Math.round(focus.y + focus.height / 2) };
}

/**
 * Two magnified panels of the same window: the fuzzed result (hover, or tap, a pixel) and the original,
 * where an arrow runs from that pixel's place to where its colour came from. The 8 neighbours get thin
 * arrows too, to show how neighbouring pixels scatter.
 */
export function FuzzMagnifier(
  original: RgbaImage,
  result: RgbaImage,
  mask: Mask,
  { radius, center }: { radius: number; center: Point },
): HTMLElement {
  const window = magnifierWindow(original, center, radius);
  const after = layered(cropImage(result, window), {
    label: "The fuzzed result, magnified: point at a pixel",
    pixelated: true,
  });
  const before = layered(cropImage(original, window), {
    label: "The original, magnified, with where the colours came from",
    pixelated: true,
  });
  const markerId = `arrow-${Math.random().toString(36).slice(2)}`;
  before.svg
    .append("defs")
    .append("marker")
    .attr("id", markerId)
    .attr("viewBox", "0 0 10 10")
    .attr("refX", 9)
    .attr("refY", 5)
    .attr("markerWidth", 5)
    .attr("markerHeight", 5)
    .attr("orient", "auto")
    .append("path")
    .attr("d", "M0,0L10,5L0,10z")
    .attr("fill", "#ff3b3b");
  const afterLayer = after.svg.append("g");
  const beforeLayer = before.svg.append("g");
  const note = caption("");
  note.id = `${markerId}-note`;
  const root = document.createElement("div");
  root.id = "fuzz-magnifier";

  const masked = (p: Point) =>
    p.x >= 0 && p.y >= 0 && p.x < mask.width && p.y < mask.height && mask.data[p.y * mask.width + p.x] !== 0;
  const local = (p: Point) => ({ x: p.x - window.x + 0.5, y: p.y - window.y + 0.5 });
  const square = (layer: d3.Selection<SVGGElement, unknown, null, undefined>, p: Point, color: string) =>
    layer
      .append("rect")
      .attr("x", local(p).x - 0.5)
      .attr("y", local(p).y - 0.5)
      .attr("width", 1)
      .attr("height", 1)
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2)
      .attr("vector-effect", "non-scaling-stroke");
  const arrow = (from: Point, to: Point, width: number) => {
    const a = local(from),
      b = local(to);
    for (const [color, extra] of [
      ["rgba(0,0,0,0.6)", 2],
      ["#ff3b3b", 0],
    ] as const) {
      beforeLayer
        .append("line")
        .attr("x1", a.x)
        .attr("y1", a.y)
        .attr("x2", b.x)
        .attr("y2", b.y)
        .attr("stroke", color)
        .attr("stroke-width", width + extra)
        .attr("vector-effect", "non-scaling-stroke")
        .attr("marker-end", extra ? null : `url(#${markerId})`);
    }
  };

  function select(p: Point): void {
    afterLayer.selectAll("*").remove();
    beforeLayer.selectAll("*").remove();
    root.dataset.selected = `${p.x},${p.y}`;
    if (!masked(p)) {
      square(afterLayer, p, "white");
      root.dataset.candidates = "0";
      note.textContent = `Pixel (${p.x}, ${p.y}) is not in the mask, so it keeps its own colour. Point at a pixel inside the person.`;
      return;
    }
    // The neighbourhood the fuzz could draw from.
    beforeLayer
      .append("rect")
      .attr("x", local(p).x - 0.5 - radius)
      .attr("y", local(p).y - 0.5 - radius)
      .attr("width", 2 * radius + 1)
      .attr("height", 2 * radius + 1)
      .attr("fill", "none")
      .attr("stroke", "white")
      .attr("stroke-dasharray", "4 3")
      .attr("vector-effect", "non-scaling-stroke");
    for (const dy of [-1, 0, 1]) {
      for (const dx of [-1, 0, 1]) {
        const q = { x: p.x + dx, y: p.y + dy };
        if ((dx || dy) && masked(q)) {
          const [source] = possibleSources(original, result, q, radius);
          if (source) arrow(q, source, 1);
        }
      }
    }
    const sources = possibleSources(original, result, p, radius);
    for (const other of sources.slice(1)) square(beforeLayer, other, "#ffd400");
    if (sources[0]) {
      square(beforeLayer, sources[0], "#ff3b3b");
      arrow(p, sources[0], 2.5);
    }
    square(afterLayer, p, "#ff3b3b");
    square(beforeLayer, p, "white");
    root.dataset.candidates = String(sources.length);
    const s = sources[0];
    note.textContent = !s
      ? `No pixel within ${radius} of (${p.x}, ${p.y}) has its colour: this should never happen.`
      : `Pixel (${p.x}, ${p.y}) of the result took its colour from (${s.x}, ${s.y}), ${Math.abs(s.x - p.x)} px ${s.x < p.x ? "left" : "right"} and ` +
        `${Math.abs(s.y - p.y)} px ${s.y < p.y ? "up" : "down"}. ` +
        (sources.length === 1
          ? `It is the only pixel within the dashed square (r = ${radius}) with exactly that colour, so that is certain.`
          : `${sources.length} pixels within the dashed square (r = ${radius}) have exactly that colour; the arrow goes to the nearest, the yellow squares are the others it could have been.`);
  }

  const pick = (event: PointerEvent) => {
    const [x, y] = d3.pointer(event, after.svg.node());
    select({ x: window.x + Math.floor(x), y: window.y + Math.floor(y) });
  };
  // From the keyboard: arrow keys move the inspected pixel (with Shift, 5 at a time), inside the window.
  const step = (event: KeyboardEvent) => {
    const move = ARROWS[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault(); // the page must not scroll
    const [x, y] = (root.dataset.selected ?? "").split(",").map(Number) as [number, number];
    const by = event.shiftKey ? 5 : 1;
    const clamp = (v: number, from: number, size: number) => Math.max(from, Math.min(from + size - 1, v));
    select({ x: clamp(x + move[0] * by, window.x, window.width), y: clamp(y + move[1] * by, window.y, window.height) });
  };
  after.svg
    .attr("id", "fuzz-magnifier-result")
    .attr("aria-hidden", null) // the one overlay that is a control
    .attr("tabindex", 0)
    .attr("role", "application")
    .attr("aria-label", "Magnified result: arrow keys move the inspected pixel")
    .attr("aria-describedby", note.id)
    .style("cursor", "crosshair")
    .style("touch-action", "none")
    .on("pointermove", pick)
    .on("pointerdown", pick)
    .on("keydown", step);
  // The note says where the inspected pixel's colour came from: read out when it changes.
  note.setAttribute("aria-live", "polite");

  const panel = (title: string, figure: HTMLElement) => {
    const div = document.createElement("div");
    const heading = document.createElement("div");
    heading.style.cssText = "font-weight:600;margin-bottom:0.25rem;";
    heading.textContent = title;
    div.append(heading, figure);
    return div;
  };
  const panels = document.createElement("div");
  panels.style.cssText = "display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:0.75rem;";
  panels.append(
    panel("Result: point at a pixel (or use the arrow keys)", after.figure),
    panel("Original: where its colour came from", before.figure),
  );
  root.append(panels, note);
  select({ x: center.x, y: center.y });
  return root;
}
