// npm run eval -- --data DIR: how well the pipeline hides labelled people (Penn-Fudan layout: PNGImages/NAME.png,
// PedMasks/NAME_mask.png with 0 = background and k = person k). Models run once per image and mode; every
// threshold and growth setting is then scored from those results. Prints a table, writes JSON.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { boxIoU } from "../components/core/geometry.js";
import { changedPixels } from "../components/core/image.js";
import { OBFUSCATION_METHOD_IDS, obfuscate } from "../components/core/obfuscate.js";
import type { Box, Mask } from "../components/core/types.js";
import { loadDetector } from "../components/models/detector.js";
import { type InternalResolution, loadSegmenter } from "../components/models/segmenter.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { FOUND_SCORE, MATCH_IOU } from "../components/pipeline/match-people.js";
import { DEFAULT_SETTINGS, type PipelineSettings, type SegmentationMode } from "../components/pipeline/settings.js";
import { buildMask, detectObjects, prepareImage, segmentPeople, selectRegions } from "../components/pipeline/stages.js";

const { values: args } = parseArgs({
  options: {
    data: { type: "string" },
    out: { type: "string", default: "eval-results.json" },
    limit: { type: "string" },
    resolution: { type: "string", default: DEFAULT_SETTINGS.internalResolution },
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
  perImage: Array<{ name: string; recall: number; worstPerson: number }>;
}

type MaskVariant = Pick<PipelineSettings, "mode" | "segmentationThreshold" | "growth">;
/** An obfuscated result whose people are looked for again with the detector. */
type ResidualVariant = MaskVariant & Pick<PipelineSettings, "method" | "radius">;

const modes: SegmentationMode[] = ["boxes", "multi", "union"];
const resolution = args.resolution as InternalResolution;
const maskVariants: MaskVariant[] = modes.flatMap((mode) =>
  [0.7, 0.5, 0.4, 0.3].flatMap((segmentationThreshold) =>
    [0, 2, 4, 8, 12].map((growth) => ({ mode, segmentationThreshold, growth })),
  ),
);
const defaults: ResidualVariant = DEFAULT_SETTINGS;
if (!maskVariants.some((v) => maskKey(v) === maskKey(defaults))) maskVariants.push(defaults);
// Residual detection needs a detector run per image and variant: every method at three strengths on the
// default mask, fuzz on other growths, and the 2019 method (boxes, no growth) for reference.
const residualVariants: ResidualVariant[] = [
  ...OBFUSCATION_METHOD_IDS.flatMap((method) => [8, 16, 32].map((radius) => ({ ...defaults, method, radius }))),
  ...[0, 4, 8, 12].filter((g) => g !== defaults.growth).map((growth) => ({ ...defaults, growth })),
  ...[4, 8, 12].map((growth) => ({ ...defaults, growth, method: "fuzz" as const, radius: 16 })),
  { mode: "boxes", segmentationThreshold: 0.7, growth: 0, method: "fuzz", radius: 16 },
];

function maskKey(v: MaskVariant): string {
  return `${v.mode} t=${v.segmentationThreshold} grow=${v.growth}`;
}
function residualKey(v: ResidualVariant): string {
  return `${maskKey(v)} ${v.method} r=${v.radius}`;
}

const totals = new Map<string, Counts>(maskVariants.map((v) => [maskKey(v), emptyCounts()]));
const residuals = new Map<string, { still: number; changed: number; pixels: number }>(
  residualVariants.map((v) => [residualKey(v), { still: 0, changed: 0, pixels: 0 }]),
);
let labelledPeople = 0;
let detectedBefore = 0;

await useNodeBackend("wasm");
const source = diskModelSource("data/models");
const detector = await loadDetector(source);
const segmenter = await loadSegmenter(source);

const names = (await readdir(join(args.data, "PNGImages")))
  .filter((n) => n.endsWith(".png"))
  .map((n) => n.slice(0, -4))
  .sort();
const selected = args.limit ? names.slice(0, Number(args.limit)) : names;
const started = performance.now();
for (const [index, name] of selected.entries()) {
  const { image } = await decodeImage(await readFile(join(args.data, "PNGImages", `${name}.png`)));
  const labels = await readLabels(join(args.data, "PedMasks", `${name}_mask.png`));
  const people = personPixels(labels);
  labelledPeople += people.size;
  const prepared = prepareImage(image);
  const detection = await detectObjects(detector, prepared);
  detectedBefore += stillDetected(detection.detections, people);
  for (const mode of modes) {
    const segmentation = await segmentPeople(segmenter, prepared, detection, { mode, internalResolution: resolution });
    const regions = selectRegions(segmentation, detection, DEFAULT_SETTINGS);
    const masks = new Map<string, Mask>();
    for (const variant of maskVariants.filter((v) => v.mode === mode)) {
      const { mask } = buildMask(prepared, regions, variant);
      masks.set(maskKey(variant), mask);
      score(totals.get(maskKey(variant))!, name, mask, labels, people);
    }
    for (const variant of residualVariants.filter((v) => v.mode === mode)) {
      const mask = masks.get(maskKey(variant)) ?? buildMask(prepared, regions, variant).mask;
      const hidden = obfuscate(image, mask, { ...DEFAULT_SETTINGS, ...variant });
      const after = await detectObjects(detector, prepareImage(hidden));
      const counts = residuals.get(residualKey(variant))!;
      counts.still += stillDetected(after.detections, people);
      counts.changed += changedPixels(image, hidden);
      counts.pixels += image.width * image.height;
    }
  }
  process.stderr.write(`\r${index + 1}/${selected.length} images`);
}
process.stderr.write("\n");

const seconds = ((performance.now() - started) / 1000).toFixed(0);
const rows = maskVariants.map((v) => ({ ...v, ...summarise(totals.get(maskKey(v))!) }));
console.log(
  `Mask quality over ${selected.length} images, ${labelledPeople} labelled people; BodyPix internal resolution ${resolution}; ${seconds} s`,
);
console.log("mode   thr  grow  recall  precision  IoU    ≥90%    ≥50%");
for (const r of rows) {
  console.log(
    `${r.mode.padEnd(6)} ${r.segmentationThreshold.toFixed(1)}  ${String(r.growth).padStart(4)}  ${r.recall.toFixed(3)}   ${r.precision.toFixed(3)}      ${r.iou.toFixed(3)}  ${pct(r.covered90)}  ${pct(r.covered50)}`,
  );
}
const residualRows = residualVariants.map((v) => {
  const c = residuals.get(residualKey(v))!;
  return { ...v, stillDetected: c.still / labelledPeople, changedShare: c.changed / c.pixels };
});
console.log(
  `\nStill detected after obfuscation (score ≥ ${FOUND_SCORE}, box IoU ≥ ${MATCH_IOU} with a labelled person; before: ${pct(detectedBefore / labelledPeople)})`,
);
console.log("mask                       method      radius  still detected  image changed");
for (const r of residualRows) {
  console.log(
    `${maskKey(r).padEnd(26)} ${r.method.padEnd(11)} ${String(r.radius).padStart(6)}  ${pct(r.stillDetected)}          ${pct(r.changedShare)}`,
  );
}
const mine = rows.find((r) => maskKey(r) === maskKey(defaults))!;
const mineResidual = residualRows.find((r) => residualKey(r) === residualKey(defaults))!;
console.log(
  `\nDefaults (${residualKey(defaults)}, ${resolution}): recall ${mine.recall.toFixed(3)}, precision ${mine.precision.toFixed(3)}, ` +
    `${pct(mine.covered90).trim()} of people ≥ 90% covered, ${pct(mineResidual.stillDetected).trim()} still detected`,
);
console.log(
  `Worst images for the defaults: ${mine.worst.map((w) => `${w.name} (recall ${w.recall.toFixed(2)}, worst person ${w.worstPerson.toFixed(2)})`).join(", ")}`,
);
await writeFile(
  args.out,
  `${JSON.stringify(
    {
      images: selected.length,
      people: labelledPeople,
      resolution,
      settings: DEFAULT_SETTINGS,
      detectedBefore: detectedBefore / labelledPeople,
      masks: rows,
      residual: residualRows,
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote ${args.out}`);

function emptyCounts(): Counts {
  return { truePositive: 0, person: 0, replaced: 0, people: 0, covered90: 0, covered50: 0, perImage: [] };
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
    const x = i % labels.width,
      y = (i - x) / labels.width;
    const p = people.get(k) ?? { pixels: 0, x0: x, y0: y, x1: x, y1: y };
    p.pixels++;
    p.x0 = Math.min(p.x0, x);
    p.x1 = Math.max(p.x1, x);
    p.y0 = Math.min(p.y0, y);
    p.y1 = Math.max(p.y1, y);
    people.set(k, p);
  }
  return new Map(
    [...people].map(([k, p]) => [
      k,
      { pixels: p.pixels, box: { x: p.x0, y: p.y0, width: p.x1 - p.x0 + 1, height: p.y1 - p.y0 + 1 } },
    ]),
  );
}

function score(counts: Counts, name: string, mask: Mask, labels: Mask, people: Map<number, { pixels: number }>): void {
  const hit = new Map<number, number>();
  let tp = 0,
    person = 0,
    replaced = 0;
  for (let i = 0; i < mask.data.length; i++) {
    const k = labels.data[i]!;
    if (mask.data[i]) replaced++;
    if (k) {
      person++;
      if (mask.data[i]) {
        tp++;
        hit.set(k, (hit.get(k) ?? 0) + 1);
      }
    }
  }
  counts.truePositive += tp;
  counts.person += person;
  counts.replaced += replaced;
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

function stillDetected(
  detections: Array<{ label: string; score: number; box: Box }>,
  people: Map<number, { box: Box }>,
): number {
  const found = detections.filter((d) => d.label === "person" && d.score >= FOUND_SCORE);
  return [...people.values()].filter(({ box }) => found.some((d) => boxIoU(d.box, box) >= MATCH_IOU)).length;
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
    worst: [...c.perImage].sort((a, b) => a.worstPerson - b.worstPerson).slice(0, 5),
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`.padStart(6);
}
