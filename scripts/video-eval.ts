// npm run video-eval: the figures behind the video defaults, written to data/video-summary.json for the site.
// 1. Schedules: the sample clip exported with the detector and the segmenter on every frame, or on every n-th
//    with tracking between; per schedule the export's rate and the frames in which the detector still finds
//    someone it finds on the original frame.
// 2. Averaging attack: a still scene (a sample photo repeated, with a camera's noise) hidden frame after frame;
//    the mean of N hidden frames is given to the detector. The same seed on every frame against a seed per
//    frame, for fuzz and background fill; and how much the hidden pixels change from frame to frame (flicker).
// --part schedules|averaging re-measures one part and keeps the other from the existing file.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { measureExport } from "../components/cli/video-measure.js";
import { colourChangeInside } from "../components/core/image.js";
import { meanImage } from "../components/core/mean-image.js";
import type { ObfuscationMethod } from "../components/core/obfuscate.js";
import { frameSeed, randomSource } from "../components/core/random.js";
import type { Mask, RgbaImage } from "../components/core/types.js";
import { loadDetector } from "../components/models/detector.js";
import { loadSegmenter } from "../components/models/segmenter.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { checkPrivacy } from "../components/pipeline/check-privacy.js";
import { createFrameHider } from "../components/pipeline/frame-hider.js";
import { detectedPeople } from "../components/pipeline/match-people.js";
import type { Models } from "../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../components/pipeline/settings.js";
import { detectObjects, obfuscatePeople, prepareImage } from "../components/pipeline/stages.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  SEED_PER_FRAME,
  type VideoSettings,
} from "../components/pipeline/video-settings.js";

const { values: args } = parseArgs({
  options: {
    out: { type: "string", default: "data/video-summary.json" },
    clip: { type: "string", default: "data/clips/street.mp4" },
    frames: { type: "string", default: "32" },
    part: { type: "string", default: "all" },
  },
});
if (!["all", "schedules", "averaging"].includes(args.part)) {
  console.error(
    "usage: npm run video-eval -- [--part all|schedules|averaging] [--out FILE] [--clip FILE] [--frames N]",
  );
  process.exit(2);
}

/** The schedules compared: [detector interval, segmenter interval, detector also on motion] per profile. */
const SCHEDULES: ReadonlyArray<{
  profile: string;
  settings: Partial<VideoSettings>;
  intervals: Array<[number, number, boolean]>;
}> = [
  {
    profile: "defaults",
    settings: DEFAULT_VIDEO_SETTINGS,
    intervals: [
      [1, 1, false],
      [1, 2, false],
      [1, 3, false],
      [2, 2, false],
      [3, 3, false],
      [4, 4, false],
      [4, 4, true],
    ],
  },
  {
    profile: "fast",
    settings: { ...DEFAULT_VIDEO_SETTINGS, ...FAST_VIDEO_PROFILE },
    intervals: [
      [1, 1, false],
      [1, 4, false],
      [2, 4, false],
      [4, 4, false],
      [4, 4, true],
      [6, 6, false],
      [6, 6, true],
    ],
  },
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
const previous = args.part === "all" ? {} : (JSON.parse(await readFile(args.out, "utf8")) as Record<string, unknown>);
const schedules = args.part === "averaging" ? previous.schedules : await measureSchedules();
const averaging = args.part === "schedules" ? previous.averaging : await measureAveraging();
const loadAfter = os.loadavg()[0]!;

await writeFile(
  args.out,
  `${JSON.stringify(
    {
      description:
        "Figures of `npm run video-eval`. schedules: the sample clip exported as the command line does it, with the detector and the segmenter on every n-th frame (tracking between), the detector also between when detectOnMotion and something moves outside the people tracked (detectorRuns counts its runs); fps includes decoding and encoding, cpuFps is frames per second of the process's own CPU time (the rate with a core to itself, steadier on a shared machine); a frame counts as still found when the detector finds someone on the hidden frame whom it finds on the original frame (person, score >= 0.5, box IoU >= 0.5); minReplaced is the smallest share of such a person's box that differs from the original by more than the codec's noise. averaging: a still scene (each photo repeated, uniform noise per frame), hidden frame by frame with the video defaults; the mean of the first N hidden frames is given to the detector; stillFound counts people found on the original who are found on that mean; colourChangeInside is the mean colour difference between the mean and the original inside the mask (0 = the original, 1 = every channel flipped); flicker is the same difference between consecutive hidden frames.",
      source: `npm run video-eval (scripts/video-eval.ts), ${new Date().toISOString().slice(0, 10)}`,
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model.trim()}, Node ${process.versions.node}; load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end (of the parts measured in this run)`,
      clip: args.clip,
      defaults: {
        detectEvery: DEFAULT_VIDEO_SETTINGS.detectEvery,
        segmentEvery: DEFAULT_VIDEO_SETTINGS.segmentEvery,
        memory: DEFAULT_VIDEO_SETTINGS.memory,
        seedPerFrame: SEED_PER_FRAME,
      },
      fast: FAST_VIDEO_PROFILE,
      schedules,
      averaging,
    },
    null,
    2,
  )}\n`,
);
console.log(`Wrote ${args.out}`);

async function measureSchedules() {
  console.log(
    `Schedules on ${args.clip} (fps: the export, decoding and encoding included; CPU fps: per second of this process's CPU time; load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    "profile   detector        segmenter  detector runs  fps  CPU fps  frames still found  people still found  min replaced",
  );
  const rows = [];
  for (const { profile, settings, intervals } of SCHEDULES) {
    for (const [detectEvery, segmentEvery, detectOnMotion] of intervals) {
      const m = await measureExport(models, args.clip, { ...settings, detectEvery, segmentEvery, detectOnMotion });
      const row = {
        profile,
        mode: m.settings.mode,
        internalResolution: m.settings.internalResolution,
        detectEvery: m.settings.detectEvery,
        segmentEvery: m.settings.segmentEvery,
        detectOnMotion: m.settings.detectOnMotion,
        detectorRuns: m.detected,
        fps: m.fps,
        cpuFps: m.cpuFps,
        frames: m.frames,
        framesWithPeople: m.privacy.framesWithPeople,
        framesStillFound: m.privacy.framesStillFound,
        stillFoundShare: round(m.stillFoundShare),
        personFrames: m.privacy.personFrames,
        personFramesStillFound: m.privacy.personFramesStillFound,
        minReplaced: round(m.minReplaced),
      };
      rows.push(row);
      console.log(
        [
          profile.padEnd(9),
          `1/${row.detectEvery}${row.detectOnMotion && row.detectEvery > 1 ? " + motion" : ""}`.padEnd(15),
          `1/${row.segmentEvery}`.padEnd(10),
          String(row.detectorRuns).padStart(13),
          row.fps.toFixed(2).padStart(5),
          row.cpuFps.toFixed(2).padStart(8),
          `  ${row.framesStillFound}/${row.framesWithPeople}`.padEnd(20),
          `${row.personFramesStillFound}/${row.personFrames}`.padEnd(19),
          row.minReplaced.toFixed(2),
        ].join(" "),
      );
    }
  }
  return rows;
}

async function measureAveraging() {
  const counts = [1, 2, 4, 8, 16, 32, 64].filter((n) => n <= Number(args.frames));
  const frameCount = counts.at(-1)!;
  console.log(`\nAveraging attack: mean of N hidden frames of a still scene (noise ±${NOISE}), detector on the mean`);
  const variants = METHODS.flatMap((method) => [true, false].map((seedPerFrame) => ({ method, seedPerFrame })));
  const totals = variants.map(() => ({
    stillFound: counts.map(() => 0),
    colourChange: counts.map(() => 0),
    flicker: 0,
  }));
  let peopleBefore = 0;
  for (const path of STILL_PHOTOS) {
    const { image } = await decodeImage(await readFile(path));
    const prepared = prepareImage(image);
    const { detections } = await detectObjects(models.detector, prepared);
    peopleBefore += detectedPeople(detections).length;
    // Masks come from the frame pipeline with the defaults on each noisy frame; every variant hides the same masks.
    const hider = createFrameHider(models, { ...DEFAULT_VIDEO_SETTINGS, seed: 20261129 });
    const hidden: RgbaImage[][] = variants.map(() => []);
    const masks: Mask[] = [];
    for (let k = 0; k < frameCount; k++) {
      const frame = withNoise(image, k);
      const { mask } = await hider.hide(frame);
      masks.push(mask);
      const still = prepareImage(frame, Number.POSITIVE_INFINITY);
      for (const [v, { method, seedPerFrame }] of variants.entries()) {
        const seed = seedPerFrame ? frameSeed(hider.settings.seed, k) : hider.settings.seed;
        hidden[v]!.push(obfuscatePeople(still, mask, { method, radius: DEFAULT_SETTINGS.radius, seed }).image);
      }
    }
    for (const [v] of variants.entries()) {
      const frames = hidden[v]!;
      for (const [c, n] of counts.entries()) {
        const mean = meanImage(frames.slice(0, n));
        totals[v]!.stillFound[c]! += (await checkPrivacy(models, prepared, detections, mean)).stillFound;
        totals[v]!.colourChange[c]! += colourChangeInside(image, mean, masks[0]!) / STILL_PHOTOS.length;
      }
      for (let k = 1; k < frames.length; k++) {
        totals[v]!.flicker += colourChangeInside(frames[k - 1]!, frames[k]!, masks[k]!) / (frames.length - 1);
      }
    }
  }
  const rows = variants.map((variant, v) => ({
    ...variant,
    radius: DEFAULT_SETTINGS.radius,
    stillFound: totals[v]!.stillFound,
    stillFoundShare: totals[v]!.stillFound.map((n) => round(n / peopleBefore)),
    colourChangeInside: totals[v]!.colourChange.map(round),
    flicker: round(totals[v]!.flicker / STILL_PHOTOS.length),
  }));
  console.log(`frames N:                 ${counts.map((n) => String(n).padStart(6)).join("")}`);
  for (const row of rows) {
    const label = `${row.method}, ${row.seedPerFrame ? "seed per frame" : "same seed"}`;
    console.log(
      `${label.padEnd(26)}${row.stillFound.map((s) => `${s}/${peopleBefore}`.padStart(6)).join("")}  still found`,
    );
    console.log(
      `${"".padEnd(26)}${row.colourChangeInside.map((s) => s.toFixed(3).padStart(6)).join("")}  colour change inside the mask; flicker ${row.flicker.toFixed(3)}`,
    );
  }
  return { photos: STILL_PHOTOS, noise: NOISE, frames: counts, peopleBefore, rows };
}

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
