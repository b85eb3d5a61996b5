// npm run eval -- --data DIR: how well the pipeline hides labelled people (Penn-Fudan layout: PNGImages/NAME.png,
// PedMasks/NAME_mask.png with 0 = background and k = person k). Models run once per image and mode; every
// threshold and growth setting is then scored from those results. Prints a table, writes JSON.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import type { Box, Mask } from "../components/core/types.js";
import { boxIoU } from "../components/core/geometry.js";
import { obfuscate } from "../components/core/obfuscate.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { loadDetector } from "../components/models/detector.js";
import { loadSegmenter } from "../components/models/segmenter.js";
import { DEFAULT_SETTINGS, type PipelineSettings, type SegmentationMode } from "../components/pipeline/settings.js";
import { buildMask, detectObjects, prepareImage, segmentPeople, selectRegions } from "../components/pipeline/stages.js";

const { values: args } = parseArgs({
  options: {
    data: { type: "string" },
    out: { type: "string", default: "eval-results.json" },
    limit: { type: "string" },
  },
});
if (!args.data) {
  console.error("usage: npm run eval -- --data DIR [--out FILE] [--limit N]");
  process.exit(2);
}

interface Counts {
  truePositive: number; // person pixels replaced
  person: number; // person pixels
  replaced: number; // pixels replaced
  people: number;
  covered90: number;
  covered50: number;
  stillDetected: number; // labelled people the detector still finds after obfuscation (score ≥ 0.5, IoU ≥ 0.5)
  detectedBefore: number;
  perImage: Array<{ name: string; recall: number; worstPerson: number }>;
}

type Variant = Pick<PipelineSettings, "mode" | "segmentationThreshold" | "growth"> & { residual: boolean };

const modes: SegmentationMode[] = ["boxes", "multi", "union"];
const variants: Variant[] = [];
for (const mode of modes) {
  for (const segmentationThreshold of [0.7, 0.5, 0.3]) {
    for (const growth of [0, 4, 8, 12, 16]) variants.push({ mode, segmentationThreshold, growth, residual: false });
  }
}
// Residual detection needs a detector run per image and variant: measured for the defaults and the reference.
const isDefault = (v: Variant) =>
  v.mode === DEFAULT_SETTINGS.mode && v.segmentationThreshold === DEFAULT_SETTINGS.segmentationThreshold && v.growth === DEFAULT_SETTINGS.growth;
if (!variants.some(isDefault)) variants.push({ ...DEFAULT_SETTINGS, residual: true });
for (const v of variants) v.residual ||= isDefault(v) || (v.mode === "union" && v.segmentationThreshold === 0.7 && (v.growth === 4 || v.growth === 12));

const key = (v: Variant) => `${v.mode} t=${v.segmentationThreshold} grow=${v.growth}`;
const totals = new Map<string, Counts>(variants.map((v) => [key(v), emptyCounts()]));

await useNodeBackend("wasm");
const source = diskModelSource("data/models");
const detector = await loadDetector(source);
const segmenter = await loadSegmenter(source);

const names = (await readdir(join(args.data, "PNGImages"))).filter((n) => n.endsWith(".png")).map((n) => n.slice(0, -4)).sort();
const selected = args.limit ? names.slice(0, Number(args.limit)) : names;
const started = performance.now();
for (const [index, name] of selected.entries()) {
  const { image } = await decodeImage(await readFile(join(args.data, "PNGImages", `${name}.png`)));
  const labels = await readLabels(join(args.data, "PedMasks", `${name}_mask.png`));
  const people = personPixels(labels);
  const prepared = prepareImage(image);
  const detection = await detectObjects(detector, prepared);
  const before = stillDetected(detection.detections, people);
  for (const mode of modes) {
    const segmentation = await segmentPeople(segmenter, prepared, detection, { mode, internalResolution: DEFAULT_SETTINGS.internalResolution });
    const regions = selectRegions(segmentation, detection, DEFAULT_SETTINGS);
    for (const variant of variants.filter((v) => v.mode === mode)) {
      const { mask } = buildMask(prepared, regions, variant);
      const counts = totals.get(key(variant))!;
      score(counts, name, mask, labels, people);
      if (variant.residual) {
        const hidden = obfuscate(image, mask, DEFAULT_SETTINGS);
        const after = await detectObjects(detector, prepareImage(hidden));
        counts.stillDetected += stillDetected(after.detections, people);
        counts.detectedBefore += before;
      }
    }
  }
  process.stderr.write(`\r${index + 1}/${selected.length} images`);
}
process.stderr.write("\n");

const rows = variants.map((v) => ({ ...v, ...summarise(totals.get(key(v))!) }));
console.log(`Mask quality over ${selected.length} images (${rows[0]?.people} labelled people), ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log("mode   thr  grow  recall  precision  IoU    ≥90%   ≥50%   still detected (before)");
for (const r of rows) {
  const residual = r.residual ? `${pct(r.stillDetectedShare)} (${pct(r.detectedBeforeShare)})` : "";
  console.log(
    `${r.mode.padEnd(6)} ${r.segmentationThreshold.toFixed(1)}  ${String(r.growth).padStart(4)}  ${r.recall.toFixed(3)}   ${r.precision.toFixed(3)}      ${r.iou.toFixed(3)}  ${pct(r.covered90)}  ${pct(r.covered50)}  ${residual}`,
  );
}
const defaults = rows.find(isDefault)!;
console.log(`\nDefaults (${key(defaults)}): recall ${defaults.recall.toFixed(3)}, precision ${defaults.precision.toFixed(3)}, ` +
  `${pct(defaults.covered90)} of people ≥ 90% covered, ${pct(defaults.stillDetectedShare)} still detected after ${DEFAULT_SETTINGS.method} r=${DEFAULT_SETTINGS.radius}`);
console.log(`Worst images for the defaults: ${defaults.worst.map((w) => `${w.name} (recall ${w.recall.toFixed(2)}, worst person ${w.worstPerson.toFixed(2)})`).join(", ")}`);
await writeFile(args.out, JSON.stringify({ images: selected.length, settings: DEFAULT_SETTINGS, rows }, null, 2) + "\n");
console.log(`Wrote ${args.out}`);

function emptyCounts(): Counts {
  return { truePositive: 0, person: 0, replaced: 0, people: 0, covered90: 0, covered50: 0, stillDetected: 0, detectedBefore: 0, perImage: [] };
}

async function readLabels(path: string): Promise<Mask> {
  const { data, info } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** Pixel count and bounding box of each labelled person. */
function personPixels(labels: Mask): Map<number, { pixels: number; box: Box }> {
  const people = new Map<number, { pixels: number; x0: number; y0: number; x1: number; y1: number }>();
  for (let i = 0; i < labels.data.length; i++) {
    const k = labels.data[i]!;
    if (!k) continue;
    const x = i % labels.width, y = (i - x) / labels.width;
    const p = people.get(k) ?? { pixels: 0, x0: x, y0: y, x1: x, y1: y };
    p.pixels++;
    p.x0 = Math.min(p.x0, x); p.x1 = Math.max(p.x1, x); p.y0 = Math.min(p.y0, y); p.y1 = Math.max(p.y1, y);
    people.set(k, p);
  }
  return new Map([...people].map(([k, p]) => [k, { pixels: p.pixels, box: { x: p.x0, y: p.y0, width: p.x1 - p.x0 + 1, height: p.y1 - p.y0 + 1 } }]));
}

function score(counts: Counts, name: string, mask: Mask, labels: Mask, people: Map<number, { pixels: number }>): void {
  const hit = new Map<number, number>();
  let tp = 0, person = 0, replaced = 0;
  for (let i = 0; i < mask.data.length; i++) {
    const k = labels.data[i]!;
    if (mask.data[i]) replaced++;
    if (k) {
      person++;
      if (mask.data[i]) { tp++; hit.set(k, (hit.get(k) ?? 0) + 1); }
    }
  }
  counts.truePositive += tp; counts.person += person; counts.replaced += replaced;
  let worst = 1;
  for (const [k, { pixels }] of people) {
    const share = (hit.get(k) ?? 0) / pixels;
    worst = Math.min(worst, share);
    counts.people++;
    if (share >= 0.9) counts.covered90++;
    if (share >= 0.5) counts.covered50++;
  }
  counts.perImage.push({ name, recall: person ? tp / person : 1, worstPerson: worst });
}

function stillDetected(detections: Array<{ label: string; score: number; box: Box }>, people: Map<number, { box: Box }>): number {
  const found = detections.filter((d) => d.label === "person" && d.score >= 0.5);
  return [...people.values()].filter(({ box }) => found.some((d) => boxIoU(d.box, box) >= 0.5)).length;
}

function summarise(c: Counts) {
  const union = c.person + c.replaced - c.truePositive;
  return {
    recall: c.truePositive / c.person,
    precision: c.replaced ? c.truePositive / c.replaced : 1,
    iou: union ? c.truePositive / union : 1,
    people: c.people,
    covered90: c.covered90 / c.people,
    covered50: c.covered50 / c.people,
    stillDetectedShare: c.stillDetected / c.people,
    detectedBeforeShare: c.detectedBefore / c.people,
    worst: [...c.perImage].sort((a, b) => a.worstPerson - b.worstPerson).slice(0, 5),
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`.padStart(6);
}
