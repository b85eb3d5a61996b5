// Mask growth up close: one person's mask outline before and after growing it by several amounts.
import * as d3 from "d3";
import { cropImage, padBox } from "../core/geometry.js";
import { maskArea } from "../core/mask.js";
import type { Box, Mask, RgbaImage } from "../core/types.js";
import { caption, layered, outline } from "./paint.js";

export interface GrownMask {
  readonly growth: number;
  readonly mask: Mask;
}

/** The crop around `focus` with room for the largest growth, in full-resolution pixels. */
export function growthWindow(image: RgbaImage, focus: Box, maxGrowth: number): Box {
  const margin = maxGrowth + 6;
  return padBox(
    { x: focus.x - margin, y: focus.y - margin, width: focus.width + 2 * margin, height: focus.height + 2 * margin },
    0,
    image,
  );
}

/** Colours for increasing growth: light to dark orange, readable over photos. */
function growthColors(count: number): string[] {
  return d3.quantize(d3.interpolateRgb("#ffc233", "#d43d00"), Math.max(2, count)).slice(0, count);
}

/**
 * The crop, magnified, with the ungrown outline (white, dashed) and one outline per growth value; a key
 * below says how many pixels each growth adds over the whole photo.
 */
export function GrowthMagnifier(
  image: RgbaImage,
  ungrown: Mask,
  grown: readonly GrownMask[],
  window: Box,
): HTMLElement {
  const colors = growthColors(grown.length);
  const { figure, svg } = layered(cropImage(image, window), {
    label: "A magnified crop with the mask's outline at several growths",
    pixelated: true,
  });
  const draw = (mask: Mask, color: string, dash: string | null) =>
    svg
      .append("path")
      .attr("d", outline(mask, window))
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2)
      .attr("stroke-dasharray", dash)
      .attr("vector-effect", "non-scaling-stroke");
  for (let k = grown.length - 1; k >= 0; k--) draw(grown[k]!.mask, colors[k]!, null);
  draw(ungrown, "white", "4 3");
  // Tall crops (a standing person) are capped in height so the whole crop fits on a screen.
  figure.style.maxWidth = `${Math.min(640, (480 * window.width) / window.height)}px`;

  const base = maskArea(ungrown);
  const key = document.createElement("table");
  key.id = "growth-table";
  key.innerHTML = "<thead><tr><th>outline</th><th>growth</th><th>mask pixels</th><th>added</th></tr></thead>";
  const body = key.createTBody();
  const row = (swatch: string, growth: string, area: number) => {
    const tr = body.insertRow();
    tr.insertCell().innerHTML = swatch;
    tr.insertCell().textContent = growth;
    tr.insertCell().textContent = area.toLocaleString("en");
    tr.insertCell().textContent =
      area === base
        ? "—"
        : `+${(area - base).toLocaleString("en")} (+${base ? Math.round((100 * (area - base)) / base) : 0}%)`;
    for (const cell of tr.cells) cell.style.fontVariantNumeric = "tabular-nums";
  };
  row(
    `<span style="display:inline-block;width:2em;border-top:2px dashed currentColor"></span>`,
    "none (BodyPix)",
    base,
  );
  grown.forEach((g, k) => {
    row(
      `<span style="display:inline-block;width:2em;border-top:2px solid ${colors[k]}"></span>`,
      `${g.growth} px`,
      maskArea(g.mask),
    );
  });
  figure.style.margin = "0 auto";
  const root = document.createElement("div");
  root.id = "growth-magnifier";
  root.append(
    figure,
    caption("Dashed white: the mask as segmentation left it. Orange, light to dark: grown by each amount."),
    key,
  );
  return root;
}

/** The full-resolution box of the person with the largest mask (people come in inference pixels). */
export function largestPerson(
  people: ReadonlyArray<{ readonly region: { readonly box: Box }; readonly mask: Mask }>,
  scale: number,
): Box | undefined {
  const best = d3.greatest(people, (p) => maskArea(p.mask));
  if (!best) return undefined;
  const { x, y, width, height } = best.region.box;
  return { x: x / scale, y: y / scale, width: width / scale, height: height / scale };
}
