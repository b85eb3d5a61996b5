// The frame pipeline on real frames of the sample clip with the real models: which models run on which frame,
// a seed per frame, and failing closed when the detector misses people it found a moment before.
import { beforeAll, describe, expect, it } from "vitest";
import type { Detection, RgbaImage } from "../../components/core/types.js";
import { probeVideo, readVideoFrames } from "../../components/node/video-file.js";
import { createFrameHider } from "../../components/pipeline/frame-hider.js";
import { checkFrame } from "../../components/pipeline/frame-privacy.js";
import type { Models } from "../../components/pipeline/run.js";
import { FAST_VIDEO_PROFILE } from "../../components/pipeline/video-settings.js";
import { loadModels } from "./models.js";

const CLIP = "data/clips/street.mp4";
let models: Models;
let frames: RgbaImage[];

beforeAll(async () => {
  models = await loadModels();
  frames = [];
  for await (const frame of readVideoFrames(CLIP, await probeVideo(CLIP))) {
    frames.push(frame);
    if (frames.length === 8) break;
  }
});

/** The real detector, except that it reports nothing on the given frame indices (a detector miss). */
function missingOn(indices: ReadonlySet<number>): Models {
  let call = 0;
  const { detector } = models;
  return {
    segmenter: models.segmenter,
    detector: {
      get runs() {
        return detector.runs;
      },
      async detect(image): Promise<Detection[]> {
        const found = await detector.detect(image);
        return indices.has(call++) ? [] : found;
      },
      dispose: () => detector.dispose(),
    },
  };
}

describe("createFrameHider", () => {
  it("runs the detector on every detectEvery-th frame and the segmenter on every segmentEvery-th, with a seed per frame", async () => {
    const hider = createFrameHider(models, {
      detectEvery: 2,
      segmentEvery: 4,
      detectOnMotion: false,
      seed: 99,
      mode: "boxes",
      method: "fuzz",
    });
    expect(hider.settings.seedPerFrame).toBe(true); // fuzz's default
    const runs = () => ({ detector: models.detector.runs, segmenter: models.segmenter.runs });
    const seeds = new Set<number>();
    for (const [i, frame] of frames.entries()) {
      const before = runs();
      const hidden = await hider.hide(frame);
      const after = runs();
      expect([hidden.index, hidden.detected, hidden.segmented, hidden.onMotion]).toEqual([
        i,
        i % 2 === 0,
        i % 4 === 0,
        false,
      ]);
      expect(after.detector - before.detector).toBe(i % 2 === 0 ? 1 : 0);
      expect(after.segmenter > before.segmenter).toBe(i % 4 === 0);
      // People are on every frame of the clip: every frame hides some, found or carried.
      expect(hidden.maskPixels).toBeGreaterThan(0);
      expect(hidden.found + hidden.carried).toBeGreaterThan(0);
      if (!hidden.detected) expect(hidden.found).toBe(0);
      seeds.add(hidden.seed);
    }
    expect(seeds.size).toBe(frames.length);
    const same = createFrameHider(models, { seed: 99, mode: "boxes", segmentEvery: 8 });
    expect(same.settings.seedPerFrame).toBe(false); // background fill's default
    for (const frame of frames.slice(0, 2)) expect((await same.hide(frame)).seed).toBe(99);
  });

  it("runs the detector off its schedule when someone walks in, who would show until its next run (control)", async () => {
    // With both models every 4th frame, the pair entering at the bottom right between runs 0 and 4 is found by
    // the check on frames 2 and 3 unless motion outside the tracked people triggers the detector.
    const settings = { ...FAST_VIDEO_PROFILE, detectEvery: 4, segmentEvery: 4, seed: 4 };
    const scheduled = createFrameHider(models, { ...settings, detectOnMotion: false });
    const onMotion = createFrameHider(models, { ...settings, detectOnMotion: true });
    let triggered = 0;
    for (const [i, frame] of frames.slice(0, 4).entries()) {
      const before = models.detector.runs;
      const a = await scheduled.hide(frame);
      expect(models.detector.runs - before).toBe(i === 0 ? 1 : 0);
      const b = await onMotion.hide(frame);
      expect(b.detected).toBe(i === 0 || b.onMotion);
      if (b.onMotion) triggered++;
      if (i < 2) continue;
      const shown = await checkFrame(models.detector, frame, a.image);
      const hidden = await checkFrame(models.detector, frame, b.image);
      expect(shown.some((p) => p.stillFound)).toBe(true);
      expect(hidden.filter((p) => p.stillFound)).toEqual([]);
    }
    expect(triggered).toBeGreaterThan(0);
  });

  it("keeps hiding people on frames where the detector misses them, and shows them without memory (control)", async () => {
    // Boxes mode: the detector alone decides who is segmented, so a miss would show everyone it found before.
    const missed = new Set([4, 5]);
    const settings = { mode: "boxes", detectEvery: 1, segmentEvery: 1, seed: 5 } as const;
    const withMemory = createFrameHider(missingOn(missed), { ...settings, memory: 5 });
    const withoutMemory = createFrameHider(missingOn(missed), { ...settings, memory: 0 });
    for (const [i, frame] of frames.slice(0, 6).entries()) {
      const kept = await withMemory.hide(frame);
      const lost = await withoutMemory.hide(frame);
      if (!missed.has(i)) continue;
      expect(kept.found).toBe(0);
      expect(kept.carried).toBeGreaterThan(2);
      const checks = await checkFrame(models.detector, frame, kept.image);
      const controls = await checkFrame(models.detector, frame, lost.image);
      expect(checks.length).toBeGreaterThan(2);
      for (const person of checks) {
        expect(person.stillFound, `frame ${i}, person at ${JSON.stringify(person.box)}`).toBe(false);
        expect(person.replaced).toBeGreaterThan(0.2);
      }
      // Without memory nothing is hidden on a missed frame: the same check finds everyone.
      expect(lost.maskPixels).toBe(0);
      expect(controls.every((p) => p.stillFound && p.replaced === 0)).toBe(true);
    }
  });

  it("takes new settings between frames and keeps the people it tracks, hidden and carried, with their boxes", async () => {
    // Boxes mode, detector every 2nd frame: on odd frames everyone hidden is carried from memory.
    const hider = createFrameHider(models, {
      mode: "boxes",
      detectEvery: 2,
      segmentEvery: 2,
      detectOnMotion: false,
      seed: 6,
    });
    const first = await hider.hide(frames[0]!);
    expect(first.people.length).toBe(first.found);
    expect(first.people.every((p) => !p.carried)).toBe(true);
    hider.configure({ method: "fuzz", radius: 12 });
    // The method's own seed default follows the new method; the schedule given at the start stays.
    expect(hider.settings).toMatchObject({
      method: "fuzz",
      radius: 12,
      seedPerFrame: true,
      detectEvery: 2,
      mode: "boxes",
    });
    const second = await hider.hide(frames[1]!);
    expect(second.detected).toBe(false);
    expect(second.carried).toBe(first.found);
    expect(second.people.filter((p) => p.carried)).toHaveLength(second.carried);
    expect(second.seed).not.toBe(first.seed);
    for (const person of await checkFrame(models.detector, frames[1]!, second.image))
      expect(person.stillFound, JSON.stringify(person.box)).toBe(false);
    // Each carried region covers the box the person was found in on the frame before, or most of it.
    for (const [i, { box }] of first.people.entries()) {
      const region = second.people[i]!.box;
      expect(region.width * region.height).toBeGreaterThan(0.8 * box.width * box.height);
    }
    expect(() => hider.configure({ detectEvery: 3 })).toThrow(/segmentEvery must be a multiple of detectEvery/);
    expect(hider.settings.detectEvery).toBe(2);
    expect((await hider.hide(frames[2]!)).detected).toBe(true);
  });

  it("refuses frames of another size, and frames given before the previous one is done", async () => {
    const hider = createFrameHider(models, { mode: "boxes" });
    const first = hider.hide(frames[0]!);
    await expect(hider.hide(frames[1]!)).rejects.toThrow(/one at a time, in order/);
    await first;
    await expect(hider.hide({ width: 4, height: 4, data: new Uint8ClampedArray(64) })).rejects.toThrow(
      /frame 1 is 4×4; the first was 768×576/,
    );
  });
});
