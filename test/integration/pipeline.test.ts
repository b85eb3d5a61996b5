// The real models on the shipped photos: people are found, masked and hidden, and only what changed re-runs.
import { beforeAll, describe, expect, it } from "vitest";
import { selectPeople } from "../../components/core/detections.js";
import { maskArea } from "../../components/core/mask.js";
import type { Box, Mask, RgbaImage } from "../../components/core/types.js";
import { type Models, runPipeline } from "../../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  buildMask,
  detectObjects,
  obfuscatePeople,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { loadModels, readSample } from "./models.js";

let models: Models;
let street: RgbaImage;
beforeAll(async () => {
  models = await loadModels();
  street = await readSample("street-group.jpg");
});

/** Share of a box's pixels that the mask covers. */
function coverage(mask: Mask, box: Box): number {
  let covered = 0,
    total = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(mask.height, Math.ceil(box.y + box.height)); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(mask.width, Math.ceil(box.x + box.width)); x++) {
      total++;
      covered += mask.data[y * mask.width + x]!;
    }
  }
  return covered / total;
}

describe("the multi-person street sample", () => {
  it("finds the people walking there", async () => {
    const { detections } = await detectObjects(models.detector, prepareImage(street));
    const people = selectPeople(detections, { minScore: 0.5 });
    expect(people.length).toBeGreaterThanOrEqual(5);
    // Every person is upright: taller than wide, and inside the frame.
    for (const { box } of people) {
      expect(box.height).toBeGreaterThan(box.width);
      expect(box.x).toBeGreaterThanOrEqual(-1);
      expect(box.y + box.height).toBeLessThanOrEqual(street.height + 1);
    }
  });

  // Multi-person BodyPix misses people this small (it finds none here): see the single-person samples below.
  it.each(["boxes", "union"] as const)(
    "masks the people it finds in %s mode and hides only masked pixels",
    async (mode) => {
      const { output, mask, report } = await runPipeline(street, models, { mode, method: "fuzz", radius: 16 });
      expect(output.width).toBe(street.width);
      expect(output.height).toBe(street.height);
      expect(report.hidden).toBe(true);
      const people = selectPeople(
        report.detections.map((d) => ({ ...d })),
        { minScore: 0.5 },
      );
      // Each confidently detected person's box is substantially covered (people fill roughly half their box).
      for (const person of people) expect(coverage(mask, person.box)).toBeGreaterThan(0.3);
      let changedOutside = 0,
        changedInside = 0;
      for (let i = 0; i < mask.data.length; i++) {
        const differs = [0, 1, 2, 3].some((c) => output.data[i * 4 + c] !== street.data[i * 4 + c]);
        if (differs && !mask.data[i]) changedOutside++;
        if (differs && mask.data[i]) changedInside++;
      }
      expect(changedOutside).toBe(0);
      // Radius 16 noise on a photo changes nearly every masked pixel.
      expect(changedInside / maskArea(mask)).toBeGreaterThan(0.8);
      // The people are small: the mask is a small part of the street, not the whole frame.
      expect(report.maskShare).toBeGreaterThan(0.005);
      expect(report.maskShare).toBeLessThan(0.25);
    },
  );

  it("re-runs no model when thresholds, growth, radius or seed change", async () => {
    const prepared = prepareImage(street);
    const detection = await detectObjects(models.detector, prepared);
    const segmentation = await segmentPeople(models.segmenter, prepared, detection, DEFAULT_SETTINGS);
    const runs = [models.detector.runs, models.segmenter.runs];
    const loose = buildMask(
      prepared,
      selectRegions(segmentation, detection, { ...DEFAULT_SETTINGS, scoreThreshold: 0.2 }),
      DEFAULT_SETTINGS,
    );
    const strict = buildMask(
      prepared,
      selectRegions(segmentation, detection, { ...DEFAULT_SETTINGS, scoreThreshold: 0.8 }),
      DEFAULT_SETTINGS,
    );
    expect(maskArea(strict.mask)).toBeLessThan(maskArea(loose.mask));
    const regions = selectRegions(segmentation, detection, DEFAULT_SETTINGS);
    const tight = buildMask(prepared, regions, { segmentationThreshold: 0.8, growth: 0 });
    const grown = buildMask(prepared, regions, { segmentationThreshold: 0.8, growth: 6 });
    expect(maskArea(grown.mask)).toBeGreaterThan(maskArea(tight.mask));
    const a = obfuscatePeople(prepared, grown.mask, { method: "fuzz", radius: 4, seed: 1 });
    const b = obfuscatePeople(prepared, grown.mask, { method: "fuzz", radius: 32, seed: 2 });
    expect(Buffer.compare(Buffer.from(a.image.data), Buffer.from(b.image.data))).not.toBe(0);
    expect([models.detector.runs, models.segmenter.runs]).toEqual(runs);
  });

  it("gives the same output for the same seed", async () => {
    const first = await runPipeline(street, models, { seed: 7 });
    const second = await runPipeline(street, models, { seed: 7 });
    const third = await runPipeline(street, models, { seed: 8 });
    expect(Buffer.from(second.output.data).equals(Buffer.from(first.output.data))).toBe(true);
    expect(Buffer.from(third.output.data).equals(Buffer.from(first.output.data))).toBe(false);
    expect(Buffer.from(third.mask.data).equals(Buffer.from(first.mask.data))).toBe(true);
  });
});

describe("single-person samples", () => {
  it.each([
    ["astronaut.png", "union"],
    ["astronaut.png", "multi"],
    ["camera.png", "boxes"],
    ["camera.png", "multi"],
  ] as const)("%s: one person found and their body masked (%s)", async (name, mode) => {
    const image = await readSample(name);
    const { mask, report } = await runPipeline(image, models, { mode });
    const confident = report.detections.filter((d) => d.label === "person" && d.score >= 0.5);
    expect(confident).toHaveLength(1);
    // The person fills much of these portraits, and most of their box.
    expect(coverage(mask, confident[0]!.box)).toBeGreaterThan(0.5);
    expect(report.maskShare).toBeGreaterThan(0.15);
  });

  it("reports that nothing was hidden when a photo has no people", async () => {
    // The bottom of the street scene: grass and a tripod, no people.
    const width = street.width,
      top = 420,
      height = street.height - top;
    const data = street.data.slice(top * width * 4);
    const { output, report } = await runPipeline({ width, height, data }, models, {
      scoreThreshold: 0.5,
      mode: "boxes",
    });
    expect(report.people).toHaveLength(0);
    expect(report.hidden).toBe(false);
    expect(Buffer.from(output.data).equals(Buffer.from(data))).toBe(true);
  });
});
