// The privacy page's charts, drawn with d3: the radius sweep (detector and BodyPix), the privacy –
// intrusiveness trade-off of the methods, and the evaluation's recall – precision and residual detection.
import * as d3 from "d3";
import type { SweepPoint } from "../pipeline/sweep-radius.js";
import { personLabel, STILL_FOUND_COLOR } from "./privacy-views.js";

/** Okabe–Ito: distinct for colour-blind readers and legible on both themes. */
export const METHOD_COLORS: Record<string, string> = {
  fuzz: "#e69f00",
  pixelate: "#56b4e9",
  blur: "#cc79a7",
  fill: "#999999",
  background: "#009e73",
};
export const MODE_COLORS: Record<string, string> = { boxes: "#e69f00", multi: "#56b4e9", union: "#cc79a7" };
const PERSON_COLORS = d3.schemeTableau10;

interface Frame {
  svg: d3.Selection<SVGSVGElement, undefined, null, undefined>;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

function frame(
  id: string,
  width: number,
  height: number,
  label: string,
  margin = { top: 18, right: 44, bottom: 40, left: 44 },
): Frame {
  const svg = d3
    .create("svg")
    .attr("id", id)
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", label)
    .style("max-width", "100%")
    .style("height", "auto")
    .style("overflow", "visible")
    .style("font", "11px var(--sans-serif)");
  return { svg, width, height, margin };
}

function yAxis(
  { svg, width, margin }: Frame,
  y: d3.ScaleLinear<number, number>,
  title: string,
  format?: (n: d3.NumberValue) => string,
): void {
  const axis = d3.axisLeft(y).ticks(5);
  if (format) axis.tickFormat(format);
  svg
    .append("g")
    .attr("transform", `translate(${margin.left},0)`)
    .call(axis)
    .call((g) => g.select(".domain").remove())
    .call((g) =>
      g
        .selectAll(".tick line")
        .clone()
        .attr("x2", width - margin.left - margin.right)
        .attr("stroke-opacity", 0.12),
    );
  svg
    .append("text")
    .attr("x", 4)
    .attr("y", margin.top - 6)
    .attr("fill", "currentColor")
    .text(title);
}

function xTitle({ svg, width, height, margin }: Frame, title: string): void {
  svg
    .append("text")
    .attr("x", width - margin.right)
    .attr("y", height - 6)
    .attr("text-anchor", "end")
    .attr("fill", "currentColor")
    .text(title);
}

function hLine({ svg, width, margin }: Frame, y: number, text: string, color = "currentColor"): void {
  const g = svg.append("g").attr("transform", `translate(0,${y})`);
  g.append("line")
    .attr("x1", margin.left)
    .attr("x2", width - margin.right)
    .attr("stroke", color)
    .attr("stroke-width", 1.2)
    .attr("stroke-dasharray", "5 3");
  g.append("text")
    .attr("x", width - margin.right)
    .attr("y", -4)
    .attr("text-anchor", "end")
    .attr("fill", color)
    .text(text);
}

function radiusScale(radii: readonly number[], { width, margin }: Frame) {
  return d3
    .scalePoint<number>()
    .domain(radii)
    .range([margin.left, width - margin.right])
    .padding(0.3);
}

function radiusAxis(f: Frame, x: d3.ScalePoint<number>, title = "radius (pixels; each step doubles) →"): void {
  f.svg
    .append("g")
    .attr("transform", `translate(0,${f.height - f.margin.bottom})`)
    .call(d3.axisBottom(x).tickSizeOuter(0));
  xTitle(f, title);
}

/**
 * The detector's best "person" score on each person found before, against the radius: one line per
 * person (P1, P2, … as on the photo), with the 0.5 line under which they count as no longer found.
 */
export function SweepDetectorChart(
  points: readonly SweepPoint[],
  radii: readonly number[],
  { width, people }: { width: number; people: number },
): SVGSVGElement {
  const f = frame("sweep-detector-chart", width, 260, "Detector score of each person against the obfuscation radius");
  const x = radiusScale(radii, f);
  const y = d3.scaleLinear([0, 1], [f.height - f.margin.bottom, f.margin.top]);
  yAxis(f, y, "↑ detector's person score");
  radiusAxis(f, x);
  hLine(f, y(0.5), "found at 0.5", STILL_FOUND_COLOR);
  const line = d3
    .line<{ radius: number; score: number }>()
    .x((d) => x(d.radius)!)
    .y((d) => y(d.score));
  const series = d3.range(people).map((i) => points.map((p) => ({ radius: p.radius, score: p.scores[i] ?? 0 })));
  const g = f.svg.append("g").selectAll("g").data(series).join("g");
  g.append("path")
    .attr("d", line)
    .attr("fill", "none")
    .attr("stroke", (_, i) => PERSON_COLORS[i % 10]!)
    .attr("stroke-width", 2)
    .attr("stroke-opacity", 0.9);
  g.selectAll("circle")
    .data((d, i) => d.map((p) => ({ ...p, i })))
    .join("circle")
    .attr("cx", (d) => x(d.radius)!)
    .attr("cy", (d) => y(d.score))
    .attr("r", 3)
    .attr("fill", (d) => PERSON_COLORS[d.i % 10]!)
    .append("title")
    .text((d) => `${personLabel(d.i)}, radius ${d.radius}: score ${d.score.toFixed(2)}`);
  return f.svg.node()!;
}

/** Moves positions apart so neighbours are at least `gap` apart, keeping their order and staying ≤ `max`. */
function spread(values: readonly number[], gap: number, max = Infinity): number[] {
  const order = d3.range(values.length).sort((a, b) => values[a]! - values[b]!);
  const out = [...values];
  for (let k = 1; k < order.length; k++) {
    const prev = out[order[k - 1]!]!,
      cur = order[k]!;
    if (out[cur]! < prev + gap) out[cur] = prev + gap;
  }
  // Pushed past the bottom: shift back up, keeping the gaps.
  for (let k = order.length - 1; k >= 0; k--) {
    const cur = order[k]!;
    const limit = k === order.length - 1 ? max : out[order[k + 1]!]! - gap;
    if (out[cur]! > limit) out[cur] = limit;
  }
  return out;
}

/** A halo in the background colour behind chart text, so labels stay legible over lines. */
function halo<E extends d3.BaseType, D, P extends d3.BaseType, PD>(text: d3.Selection<E, D, P, PD>): void {
  text
    .attr("stroke", "var(--theme-background, #fff)")
    .attr("stroke-width", 3)
    .attr("stroke-linejoin", "round")
    .attr("paint-order", "stroke");
}

/** A row of legend swatches (lines or dots) as HTML under a chart. */
export function ChartLegend(
  items: ReadonlyArray<{ color: string; label: string; dash?: string | null; dot?: boolean }>,
): HTMLElement {
  const p = document.createElement("p");
  p.className = "chart-legend";
  p.style.cssText =
    "margin:0.3rem 0 0;font:12px var(--sans-serif);display:flex;flex-wrap:wrap;gap:0.2rem 1rem;max-width:none;";
  for (const item of items) {
    const span = document.createElement("span");
    span.style.cssText = "white-space:nowrap;";
    const mark = item.dot
      ? `<svg width="10" height="10" style="vertical-align:-1px;margin-right:4px"><circle cx="5" cy="5" r="4.5" fill="${item.color}"/></svg>`
      : `<svg width="22" height="10" style="vertical-align:-1px;margin-right:4px"><line x1="1" x2="21" y1="5" y2="5" stroke="${item.color}" stroke-width="2.5" ${item.dash ? `stroke-dasharray="${item.dash}"` : ""}/></svg>`;
    span.innerHTML = mark;
    span.append(item.label);
    p.append(span);
  }
  return p;
}

export function sweepPersonLegend(people: number): HTMLElement {
  return ChartLegend(
    d3.range(people).map((i) => ({ color: PERSON_COLORS[i % 10]!, label: personLabel(i), dot: true })),
  );
}

export function sweepSegmenterLegend(threshold: number): HTMLElement {
  return ChartLegend(segmenterLines(threshold));
}

function segmenterLines(threshold: number) {
  return [
    { key: "meanProbability" as const, label: "mean person probability", dash: null, color: "#0072b2" },
    { key: "markedShare" as const, label: `share of the mask still ≥ ${threshold}`, dash: "6 3", color: "#e69f00" },
  ];
}

export function modeLegend(): HTMLElement {
  return ChartLegend([
    ...Object.entries(MODE_COLORS).map(([mode, color]) => ({ color, label: mode, dot: true })),
    { color: "currentColor", label: "joined: growth 0 → 12 px", dash: null },
  ]);
}

/** BodyPix on the hidden image: mean person probability inside the mask, and the share still marked. */
export function SweepSegmenterChart(
  points: readonly SweepPoint[],
  radii: readonly number[],
  { width, threshold }: { width: number; threshold: number },
): SVGSVGElement {
  const f = frame(
    "sweep-segmenter-chart",
    width,
    260,
    "BodyPix person probability inside the mask against the obfuscation radius",
  );
  const x = radiusScale(radii, f);
  const y = d3.scaleLinear([0, 1], [f.height - f.margin.bottom, f.margin.top]);
  yAxis(f, y, "↑ BodyPix, inside the mask");
  radiusAxis(f, x);
  hLine(f, y(threshold), `mask threshold ${threshold}`);
  const lines = segmenterLines(threshold);
  for (const { key, dash, color, label } of lines) {
    f.svg
      .append("path")
      .attr(
        "d",
        d3
          .line<SweepPoint>()
          .x((d) => x(d.radius)!)
          .y((d) => y(d[key]))(points as SweepPoint[]),
      )
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2.2)
      .attr("stroke-dasharray", dash);
    f.svg
      .append("g")
      .selectAll("circle")
      .data(points)
      .join("circle")
      .attr("cx", (d) => x(d.radius)!)
      .attr("cy", (d) => y(d[key]))
      .attr("r", 3)
      .attr("fill", color)
      .append("title")
      .text((d) => `radius ${d.radius}: ${label} ${d[key].toFixed(2)}`);
  }
  return f.svg.node()!;
}

export interface TradeoffPoint {
  readonly method: string;
  readonly label: string;
  /** Mean colour change inside the mask, 0–1. */
  readonly intrusiveness: number;
  readonly stillFound: number;
  readonly foundBefore: number;
}

/** One labelled point per method: x = how much it changes the hidden pixels, y = people still detected. */
export function TradeoffChart(points: readonly TradeoffPoint[], { width }: { width: number }): SVGSVGElement {
  const f = frame(
    "tradeoff-chart",
    width,
    280,
    "Privacy against intrusiveness: people still detected against colour change inside the mask",
    { top: 22, right: 24, bottom: 40, left: 44 },
  );
  const before = d3.max(points, (p) => p.foundBefore) ?? 1;
  const x = d3
    .scaleLinear(
      [0, Math.max(0.1, (d3.max(points, (p) => p.intrusiveness) ?? 0) * 1.15)],
      [f.margin.left, f.width - f.margin.right],
    )
    .nice();
  const y = d3.scaleLinear([-0.4, Math.max(1, before) + 0.2], [f.height - f.margin.bottom, f.margin.top]);
  const axis = d3
    .axisLeft(y)
    .tickValues(d3.range(0, Math.max(1, before) + 1, Math.max(1, Math.ceil(before / 5))))
    .tickFormat(d3.format("d"));
  f.svg
    .append("g")
    .attr("transform", `translate(${f.margin.left},0)`)
    .call(axis)
    .call((g) => g.select(".domain").remove())
    .call((g) =>
      g
        .selectAll(".tick line")
        .clone()
        .attr("x2", f.width - f.margin.left - f.margin.right)
        .attr("stroke-opacity", 0.12),
    );
  f.svg
    .append("text")
    .attr("x", 4)
    .attr("y", f.margin.top - 8)
    .attr("fill", "currentColor")
    .text("↑ people still detected (of those found before)");
  f.svg
    .append("g")
    .attr("transform", `translate(0,${f.height - f.margin.bottom})`)
    .call(d3.axisBottom(x).ticks(5, "%").tickSizeOuter(0));
  xTitle(f, "mean colour change inside the mask (intrusiveness) →");
  hLine(f, y(before), `found before: ${before}`);
  // Labels above their points; a label that would run into its left neighbour's on the same row moves up.
  const sorted = [...points].sort((a, b) => a.intrusiveness - b.intrusiveness);
  const placed: Array<{ p: TradeoffPoint; x: number; y: number }> = [];
  for (const p of sorted) {
    const px = x(p.intrusiveness);
    let ly = y(p.stillFound) - 10;
    while (placed.some((q) => Math.abs(q.y - ly) < 12 && px - q.x < q.p.label.length * 6.5 + 4)) ly -= 13;
    placed.push({ p, x: px, y: ly });
  }
  const g = f.svg.append("g").selectAll("g").data(placed).join("g");
  g.append("line")
    .attr("x1", (d) => d.x)
    .attr("x2", (d) => d.x)
    .attr("y1", (d) => y(d.p.stillFound))
    .attr("y2", (d) => d.y + 2)
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.3);
  g.append("circle")
    .attr("cx", (d) => d.x)
    .attr("cy", (d) => y(d.p.stillFound))
    .attr("r", 6)
    .attr("fill", (d) => METHOD_COLORS[d.p.method] ?? "currentColor")
    .attr("stroke", "var(--theme-background, #fff)")
    .attr("stroke-width", 1.5)
    .append("title")
    .text(
      ({ p }) =>
        `${p.label}: ${p.stillFound} of ${p.foundBefore} still detected, colour change ${(100 * p.intrusiveness).toFixed(0)}%`,
    );
  g.append("text")
    .attr("x", (d) => d.x - 3)
    .attr("y", (d) => d.y)
    .attr("text-anchor", "start")
    .attr("fill", (d) => METHOD_COLORS[d.p.method] ?? "currentColor")
    .attr("font-weight", 600)
    .text((d) => d.p.label)
    .call(halo);
  return f.svg.node()!;
}

// ---- The evaluation (data/eval-summary.json) ----

export interface MaskRow {
  readonly mode: string;
  readonly segmentationThreshold: number;
  readonly growth: number;
  readonly recall: number;
  readonly precision: number;
  readonly covered90: number;
  readonly covered50: number;
}

export interface ResidualRow {
  readonly mode: string;
  readonly segmentationThreshold: number;
  readonly growth: number;
  readonly method: string;
  readonly radius: number;
  readonly stillDetected: number;
  readonly changedShare: number;
}

export interface EvalSummary {
  readonly images: number;
  readonly people: number;
  readonly resolution: string;
  readonly settings: { mode: string; segmentationThreshold: number; growth: number; method: string; radius: number };
  readonly detectedBefore: number;
  readonly targets: { recall: number; precision: number };
  readonly masks: readonly MaskRow[];
  readonly residual: readonly ResidualRow[];
}

const isDefaultMask = (r: MaskRow, s: EvalSummary["settings"]) =>
  r.mode === s.mode && r.segmentationThreshold === s.segmentationThreshold && r.growth === s.growth;

/**
 * Recall (share of labelled person pixels hidden) against precision (share of hidden pixels that are
 * people) for every mask variant, coloured by mode; growth steps of one mode and threshold are joined. The
 * target corner (recall ≥ 0.97, precision ≥ 0.70) is shaded and the default ringed.
 */
export function RecallPrecisionChart(summary: EvalSummary, { width }: { width: number }): SVGSVGElement {
  const f = frame(
    "recall-precision-chart",
    width,
    320,
    "Recall against precision of every mask variant in the evaluation",
    { top: 24, right: 20, bottom: 40, left: 44 },
  );
  const x = d3
    .scaleLinear(
      [Math.min(0.84, d3.min(summary.masks, (r) => r.recall)!), 1],
      [f.margin.left, f.width - f.margin.right],
    )
    .nice();
  const [pLow, pHigh] = d3.extent(summary.masks, (r) => r.precision) as [number, number];
  const y = d3.scaleLinear([pLow - 0.01, pHigh + 0.04], [f.height - f.margin.bottom, f.margin.top]).nice();
  const { recall, precision } = summary.targets;
  f.svg
    .append("rect")
    .attr("x", x(recall))
    .attr("y", y(y.domain()[1]!))
    .attr("width", x(1) - x(recall))
    .attr("height", y(precision) - y(y.domain()[1]!))
    .attr("fill", "#009e73")
    .attr("fill-opacity", 0.15)
    .attr("stroke", "#009e73")
    .attr("stroke-dasharray", "4 3");
  f.svg
    .append("text")
    .attr("x", x(recall) - 4)
    .attr("y", y(y.domain()[1]!) + 10)
    .attr("text-anchor", "end")
    .attr("fill", "currentColor")
    .attr("font-size", 10)
    .text(`target: recall ≥ ${recall}, precision ≥ ${precision} →`)
    .call(halo);
  yAxis(f, y, "↑ precision (hidden pixels that are people)", d3.format(".2f"));
  f.svg
    .append("g")
    .attr("transform", `translate(0,${f.height - f.margin.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .ticks(width < 500 ? 4 : 8, ".2f")
        .tickSizeOuter(0),
    );
  xTitle(f, "recall (person pixels hidden) →");
  const groups = d3.groups(
    summary.masks,
    (r) => r.mode,
    (r) => r.segmentationThreshold,
  );
  const line = d3
    .line<MaskRow>()
    .x((r) => x(r.recall))
    .y((r) => y(r.precision));
  for (const [mode, byThreshold] of groups) {
    for (const [, rows] of byThreshold) {
      f.svg
        .append("path")
        .attr("d", line([...rows].sort((a, b) => a.growth - b.growth)))
        .attr("fill", "none")
        .attr("stroke", MODE_COLORS[mode]!)
        .attr("stroke-opacity", 0.45);
    }
  }
  f.svg
    .append("g")
    .selectAll("circle")
    .data(summary.masks)
    .join("circle")
    .attr("cx", (r) => x(r.recall))
    .attr("cy", (r) => y(r.precision))
    .attr("r", (r) => (r.growth === 0 ? 4 : 3))
    .attr("fill", (r) => MODE_COLORS[r.mode] ?? "currentColor")
    .append("title")
    .text(
      (r) =>
        `${r.mode}, threshold ${r.segmentationThreshold}, growth ${r.growth}: recall ${r.recall.toFixed(3)}, precision ${r.precision.toFixed(3)}, ${(100 * r.covered90).toFixed(0)}% of people ≥ 90% hidden`,
    );
  const chosen = summary.masks.find((r) => isDefaultMask(r, summary.settings));
  if (chosen) {
    f.svg
      .append("circle")
      .attr("cx", x(chosen.recall))
      .attr("cy", y(chosen.precision))
      .attr("r", 9)
      .attr("fill", "none")
      .attr("stroke", "currentColor")
      .attr("stroke-width", 2);
    f.svg
      .append("text")
      .attr("x", x(chosen.recall) - 12)
      .attr("y", y(chosen.precision) + 4)
      .attr("text-anchor", "end")
      .attr("fill", "currentColor")
      .attr("font-weight", 600)
      .text("default")
      .call(halo);
  }
  return f.svg.node()!;
}

/** Share of labelled people still detected after each method at each radius, on the default mask. */
export function ResidualChart(summary: EvalSummary, { width }: { width: number }): SVGSVGElement {
  const f = frame(
    "residual-chart",
    width,
    280,
    "People still detected after each method, by radius, on the evaluation photos",
    { top: 24, right: 78, bottom: 40, left: 44 },
  );
  const s = summary.settings;
  const rows = summary.residual.filter(
    (r) => r.mode === s.mode && r.segmentationThreshold === s.segmentationThreshold && r.growth === s.growth,
  );
  const radii = [...new Set(rows.map((r) => r.radius))].sort((a, b) => a - b);
  const x = radiusScale(radii, f);
  const y = d3.scaleLinear([0, 1], [f.height - f.margin.bottom, f.margin.top]);
  yAxis(f, y, "↑ labelled people still detected", d3.format(".0%"));
  radiusAxis(f, x, "radius (pixels of the photo) →");
  hLine(f, y(summary.detectedBefore), `before hiding: ${d3.format(".0%")(summary.detectedBefore)}`);
  const byMethod = d3.groups(rows, (r) => r.method);
  for (const [method, list] of byMethod) {
    const sorted = [...list].sort((a, b) => a.radius - b.radius);
    const color = METHOD_COLORS[method] ?? "currentColor";
    f.svg
      .append("path")
      .attr(
        "d",
        d3
          .line<ResidualRow>()
          .x((r) => x(r.radius)!)
          .y((r) => y(r.stillDetected))(sorted),
      )
      .attr("fill", "none")
      .attr("stroke", color)
      .attr("stroke-width", 2.2);
    f.svg
      .append("g")
      .selectAll("circle")
      .data(sorted)
      .join("circle")
      .attr("cx", (r) => x(r.radius)!)
      .attr("cy", (r) => y(r.stillDetected))
      .attr("r", 3.5)
      .attr("fill", color)
      .append("title")
      .text((r) => `${method}, radius ${r.radius}: ${d3.format(".1%")(r.stillDetected)} still detected`);
  }
  const last = byMethod.map(([method, list]) => ({ method, r: list.reduce((a, b) => (b.radius > a.radius ? b : a)) }));
  const placed = spread(
    last.map((d) => y(d.r.stillDetected)),
    12,
    y(0) + 4,
  );
  f.svg
    .append("g")
    .selectAll("text")
    .data(last)
    .join("text")
    .attr("x", x(radii[radii.length - 1]!)! + 8)
    .attr("y", (_, i) => placed[i]! + 4)
    .attr("fill", (d) => METHOD_COLORS[d.method] ?? "currentColor")
    .attr("font-weight", 600)
    .text((d) => d.method)
    .call(halo);
  return f.svg.node()!;
}
