// npm run video-eval: the figures behind the video defaults, written to data/video-summary.json for the site.
// 1. Schedules: the sample clip exported with the detector and segmenter on every frame, or on every n-th with
//    tracking between; per schedule the export's frames per second and the frames in which the detector still
//    finds someone it finds on the original frame.
// 2. Averaging attack: a still scene (a sample photo repeated, with a camera's noise) hidden frame after frame;
//    the mean of N hidden frames is given to the detector. Same seed on every frame against a seed per frame,
//    for fuzz and background fill.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { measureExport } from "../components/cli/video-measure.js";
import { meanImage } from "../components/core/mean-image.js";
import type { ObfuscationMethod } from "../components/core/obfuscate.js";
import { randomSource } from "../components/core/random.js";
import type { RgbaImage } from "../components/core/types.js";
import { loadDetector } from "../components/models/detector.js";
import { loadSegmenter } from "../components/models/segmenter.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { createFrameHider } from "../components/pipeline/frame-hider.js";
import { checkPrivacy, colourChangeInside, peopleFound } from "../components/pipeline/privacy-check.js";
import type { Models } from "../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../components/pipeline/settings.js";
import { detectObjects, obfuscatePeople, prepareImage } from "../components/pipeline/stages.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  type VideoSettings,
} from "../components/pipeline/video-settings.js";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "data/video-summary.json" },
    clip: { type: "string", default: "data/clips/street.mp4" },
    frames: { type: "string", default: "32" },
  },
});

const CLIP_SCHEDULES: ReadonlyArray<{ label: string; settings: Partial<VideoSettings> }> = [
  ...[
    [1, 1],
    [1, 2],
    [1, 3],
    [2, 2],
    [3, 3],
    [4, 4],
  ].map(([detectEvery, segmentEvery]) => ({
    label: "defaults",
    settings: { ...DEFAULT_VIDEO_SETTINGS, detectEvery: detectEvery!, segmentEvery: segmentEvery! },
  })),
  ...[
    [1, 1],
    [1, 4],
    [2, 4],
    [4, 4],
    [6, 6],
  ].map(([detectEvery, segmentEvery]) => ({
    label: "fast",
    settings: {
      ...DEFAULT_VIDEO_SETTINGS,
      ...FAST_VIDEO_PROFILE,
      detectEvery: detectEvery!,
      segmentEvery: segmentEvery!,
    },
  })),
];

/** Photos of still people (frames of vtest.avi), a still "clip" each. */
const STILL_PHOTOS = ["data/samples/street-group.jpg", "data/samples/street-walker.jpg"];
/** A camera's noise on a still scene: each frame adds an independent uniform ±NOISE to every channel. */
const NOISE = 3;
const METHODS: ObfuscationMethod[] = ["fuzz", "background"];

await useNodeBackend("wasm");
const source = diskModelSource("data/models");
const models: Models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
const loadBefore = os.loadavg()[0]!;

console.log(
  `Schedules on ${args.clip} (export fps includes decoding and encoding, cpuFps is frames per second of the process's own CPU time (the rate with a core to itself, steadier on a shared machine); under load ${loadBefore.toFixed(1)}):`,
);
console.log("profile   detector  segmenter  fps  CPU fps  frames still found  people still found  min replaced");
const schedules = [];
for (const { label, settings } of CLIP_SCHEDULES) {
  const m = await measureExport(models, args.clip, settings);
  const row = {
    profile: label,
    mode: m.settings.mode,
    internalResolution: m.settings.internalResolution,
    detectEvery: m.settings.detectEvery,
    segmentEvery: m.settings.segmentEvery,
    fps: m.fps,
    cpuFps: m.cpuFps,
    frames: m.frames,
    framesWithPeople: m.privacy.framesWithPeople,
    framesStillFound: m.privacy.framesStillFound,
    stillFoundShare: m.stillFoundShare,
    personFrames: m.privacy.personFrames,
    personFramesStillFound: m.privacy.personFramesStillFound,
    minReplaced: round(m.minReplaced),
  };
  schedules.push(row);
  console.log(
    `${label.padEnd(9)} 1/${String(row.detectEvery).padEnd(7)} 1/${String(row.segmentEvery).padEnd(8)} ${row.fps.toFixed(2).padStart(5)} ${row.cpuFps.toFixed(2).padStart(7)}  ${row.framesStillFound}/${row.framesWithPeople}`.padEnd(
      67,
    ) +
      `${row.personFramesStillFound}/${row.personFrames}`.padEnd(20) +
      row.minReplaced.toFixed(2),
  );
}

const counts = [1, 2, 4, 8, 16, 32, 64].filter((n) => n <= Number(args.frames));
const frameCount = counts.at(-1)!;
console.log(`\nAveraging attack: mean of N hidden frames of a still scene (noise ±${NOISE}), detector on the mean`);
const variants = METHODS.flatMap((method) => [true, false].map((seedPerFrame) => ({ method, seedPerFrame })));
const totals = variants.map(() => counts.map(() => ({ stillFound: 0, colourChange: 0 })));
let peopleBefore = 0;
for (const path of STILL_PHOTOS) {
  const { image } = await decodeImage(await readFile(path));
  const prepared = prepareImage(image);
  const { detections } = await detectObjects(models.detector, prepared);
  // Masks come from the frame pipeline on each noisy frame (defaults); each variant obfuscates the same masks.
  const hider = createFrameHider(models, { ...DEFAULT_VIDEO_SETTINGS, seed: 20261129 });
  const hidden: RgbaImage[][] = variants.map(() => []);
  const masks = [];
  for (let k = 0; k < frameCount; k++) {
    const frame = withNoise(image, k);
    const { mask, seed } = await hider.hide(frame);
    masks.push(mask);
    for (const [v, variant] of variants.entries()) {
      const frameSeed = variant.seedPerFrame ? seed : hider.settings.seed;
      const still = prepareImage(frame, Number.POSITIVE_INFINITY);
      hidden[v]!.push(
        obfuscatePeople(still, mask, { method: variant.method, radius: DEFAULT_SETTINGS.radius, seed: frameSeed })
          .image,
      );
    }
  }
  peopleBefore += peopleFound(detections).length;
  for (const [v] of variants.entries()) {
    for (const [c, n] of counts.entries()) {
      const mean = meanImage(hidden[v]!.slice(0, n));
      const check = await checkPrivacy(models, prepared, detections, mean);
      totals[v]![c]!.stillFound += check.stillFound;
      totals[v]![c]!.colourChange += colourChangeInside(image, mean, masks[0]!) / STILL_PHOTOS.length;
    }
  }
}
const averaging = variants.map((variant, v) => ({
  ...variant,
  radius: DEFAULT_SETTINGS.radius,
  stillFound: totals[v]!.map((t) => t.stillFound),
  stillFoundShare: totals[v]!.map((t) => round(t.stillFound / peopleBefore)),
  colourChangeInside: totals[v]!.map((t) => round(t.colourChange)),
}));
console.log(`frames N:                 ${counts.map((n) => String(n).padStart(6)).join("")}`);
for (const row of averaging) {
  const label = `${row.method}, ${row.seedPerFrame ? "seed per frame" : "same seed"}`;
  console.log(
    `${label.padEnd(26)} ${row.stillFound.map((s) => `${s}/${peopleBefore}`.padStart(6)).join("")}  still found`,
  );
  console.log(
    `${"".padEnd(26)} ${row.colourChangeInside.map((s) => s.toFixed(3).padStart(6)).join("")}  colour change inside the mask`,
  );
}

const loadAfter = os.loadavg()[0]!;
await writeFile(
  args.out,
  `${JSON.stringify(
    {
      description:
        "Figures of `npm run video-eval`. schedules: the sample clip exported as the command line does it, with the detector and the segmenter on every n-th frame (tracking between); fps includes decoding and encoding, cpuFps is frames per second of the process's own CPU time (the rate with a core to itself, steadier on a shared machine); a frame counts as still found when the detector finds someone on the hidden frame whom it finds on the original frame (person, score >= 0.5, box IoU >= 0.5); minReplaced is the smallest share of such a person's box that differs from the original by more than the codec's noise. averaging: a still scene (each photo repeated, uniform noise per frame), hidden frame by frame with the video defaults; the mean of the first N hidden frames is given to the detector; stillFound counts people found on the original who are found on that mean; colourChangeInside is the mean colour difference between the mean and the original inside the mask (0 = the original).",
      source: `npm run video-eval (scripts/video-eval.ts), ${new Date().toISOString().slice(0, 10)}`,
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.versions.node}; load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end`,
      clip: args.clip,
      defaults: {
        detectEvery: DEFAULT_VIDEO_SETTINGS.detectEvery,
        segmentEvery: DEFAULT_VIDEO_SETTINGS.segmentEvery,
        memory: DEFAULT_VIDEO_SETTINGS.memory,
        seedPerFrame: DEFAULT_VIDEO_SETTINGS.seedPerFrame,
      },
      fast: FAST_VIDEO_PROFILE,
      schedules,
      averaging: { photos: STILL_PHOTOS, noise: NOISE, frames: counts, peopleBefore, rows: averaging },
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote ${args.out}`);

/** The image with independent uniform noise of ±NOISE on each colour channel, seeded by the frame index. */
function withNoise(image: RgbaImage, frame: number): RgbaImage {
  const random = randomSource(frame + 1);
  const data = new Uint8ClampedArray(image.data);
  for (let i = 0; i < data.length; i++) {
    if ((i & 3) !== 3) data[i] = data[i]! + (random() % (2 * NOISE + 1)) - NOISE;
  }
  return { width: image.width, height: image.height, data };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
