// Which methods keep the colours of a person's clothes, on the shipped street photos with the real models: the
// fuzz keeps each person's own palette (everyone is matched back to themselves), a flat fill keeps none (every
// hidden person looks the same: matches are ties, at chance), and the background leaves few matched.
import { beforeAll, describe, expect, it } from "vitest";
import { maskArea } from "../../components/core/mask.js";
import { OBFUSCATION_METHOD_IDS, OBFUSCATION_METHODS, obfuscate } from "../../components/core/obfuscate.js";
import { compareAppearance, personMasks } from "../../components/pipeline/compare-appearance.js";
import type { Models } from "../../components/pipeline/run.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  buildMask,
  detectObjects,
  type MaskStage,
  type PreparedImage,
  prepareImage,
  segmentPeople,
  selectRegions,
} from "../../components/pipeline/stages.js";
import { loadModels, readSample } from "./models.js";

let models: Models;
beforeAll(async () => {
  models = await loadModels();
});

async function stages(name: string): Promise<{ prepared: PreparedImage; masks: MaskStage }> {
  const prepared = prepareImage(await readSample(name));
  const detection = await detectObjects(models.detector, prepared);
  const segmentation = await segmentPeople(models.segmenter, prepared, detection, DEFAULT_SETTINGS);
  return {
    prepared,
    masks: buildMask(prepared, selectRegions(segmentation, detection, DEFAULT_SETTINGS), DEFAULT_SETTINGS),
  };
}

describe("compareAppearance", () => {
  it.each(["street-group.jpg", "street-walker.jpg"])(
    "%s: fuzz keeps each person's palette, fill and background do not",
    async (name) => {
      const { prepared, masks } = await stages(name);
      // Each person's mask lies inside the hiding mask (growth 0: the union of the people's masks).
      const people = personMasks(prepared, masks, DEFAULT_SETTINGS);
      for (const person of people) {
        let outside = 0;
        for (let i = 0; i < person.data.length; i++) if (person.data[i] && !masks.mask.data[i]) outside++;
        expect(outside).toBe(0);
      }
      const results = OBFUSCATION_METHOD_IDS.map((method) => ({
        label: OBFUSCATION_METHODS[method].label,
        image: obfuscate(prepared.full, masks.mask, { method, radius: DEFAULT_SETTINGS.radius, seed: 1 }),
      }));
      const comparison = compareAppearance(prepared, masks, DEFAULT_SETTINGS, results)!;
      const n = comparison.people;
      expect(n).toBeGreaterThanOrEqual(4);
      expect(people.filter((p) => maskArea(p) > 0).length).toBe(n);
      const entry = (label: string) => comparison.entries.find((e) => e.label === label)!;
      expect(entry("Original").rank1).toBe(1);
      expect(entry("Original").distance).toBeCloseTo(0, 6);
      // The fuzz moves each pixel to a near one, mostly of the same person: the example keeps their palette,
      // and people are matched back at least as often as after the background.
      expect(entry("Fuzz").distance).toBeLessThan(0.15);
      expect(entry("Fuzz").rank1).toBeGreaterThanOrEqual(Math.max(0.5, entry("Background").rank1));
      // Fill, background and background fuzz put none of the person's own colours back.
      for (const label of ["Fill", "Background", "Background fuzz"]) {
        expect(entry(label).distance, label).toBeGreaterThan(Math.max(0.6, 5 * entry("Fuzz").distance));
      }
      // A flat fill makes every hidden person the same grey: the same nearest original for all, so one is matched.
      expect(entry("Fill").rank1).toBeCloseTo(1 / n, 10);
      console.log(
        `${name}: ${n} people; rank-1 ${comparison.entries.map((e) => `${e.label} ${e.rank1.toFixed(2)} (d ${e.distance.toFixed(2)})`).join(", ")}`,
      );
    },
  );
});
