// Pieces every chart of the site shares, so they look and read alike.
import * as Plot from "@observablehq/plot";

/** The charts' text: the page's sans-serif, small; labels may run into the margins. */
export const CHART_STYLE = { fontFamily: "var(--sans-serif)", fontSize: "11px", overflow: "visible" } as const;

/** Text drawn over lines stays legible on a halo of the page's background (give a fill to colour the text). */
export const TEXT_HALO = {
  fill: "currentColor",
  stroke: "var(--theme-background, #fff)",
  strokeWidth: 3,
  paintOrder: "stroke",
} as const;

/** A dashed horizontal line at `y` (a threshold, a count before) with its label above its right end. */
export function labelledRuleY(y: number, label: string, color = "currentColor"): Plot.Markish[] {
  return [
    Plot.ruleY([y], { stroke: color, strokeWidth: 1.5, strokeDasharray: "5 3" }),
    Plot.text([label], { frameAnchor: "right", y, dy: -6, fill: color }),
  ];
}

/**
 * Plot names each mark's group with aria-label, which ARIA allows only on elements with a role: give them
 * role="group" so screen readers may announce them and checkers (axe: aria-prohibited-attr) accept them. A
 * legend's colour swatches are hidden from screen readers: the text beside each names its series.
 */
export function withGroupRoles<T extends Element>(chart: T): T {
  for (const g of chart.querySelectorAll("g[aria-label]")) if (!g.hasAttribute("role")) g.setAttribute("role", "group");
  for (const swatch of chart.querySelectorAll('[class$="-swatch"] > svg')) swatch.setAttribute("aria-hidden", "true");
  return chart;
}
