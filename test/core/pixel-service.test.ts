// The pixel worker's service through a real MessageChannel gives exactly what the pipeline's stage functions
// give on the main thread (masks and images byte for byte), at full size and at a preview size; and the
// fail-closed provisional mask hides every counted person's whole box.
import { afterEach, describe, expect, it } from "vitest";
import { transparentShare } from "../../components/core/image.js";
import { resizeMaskNearest } from "../../components/core/mask.js";
import type { Detection, ProbabilityMap, RgbaImage } from "../../components/core/types.js";
import { previewImage, previewSettings, previewSize } from "../../components/pipeline/preview.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  buildMask,
  obfuscatePeople,
  type PersonRegion,
  prepareImage,
  provisionalMask,
} from "../../components/pipeline/stages.js";
import { type PixelService, pixelService } from "../../components/worker/pixel-service.js";
import { Connection, serve } from "../../components/worker/protocol.js";
import { randomImage } from "./helpers.js";

const WIDTH = 120;
const HEIGHT = 90;

/** A smooth blob of probability centred in a width × height map. */
function blob(width: number, height: number): ProbabilityMap {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const dx = (x - width / 2) / (width / 2),
        dy = (y - height / 2) / (height / 2);
      data[y * width + x] = Math.max(0, 1 - Math.hypot(dx, dy));
    }
  return { width, height, data };
}

const detection: Detection = { label: "person", score: 0.9, box: { x: 10, y: 8, width: 30, height: 60 } };
const regions: PersonRegion[] = [
  { source: "box", box: { x: 6, y: 2, width: 38, height: 72 }, probabilities: blob(38, 72), detection, score: 0.9 },
  { source: "multi", box: { x: 60, y: 20, width: 40, height: 50 }, probabilities: blob(40, 50), score: 0.7 },
];
const copyRegion = (r: PersonRegion): PersonRegion => ({
  ...r,
  probabilities: { ...r.probabilities, data: new Float32Array(r.probabilities.data) },
});
const copyImage = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });

const channels: MessageChannel[] = [];
function connect(): Connection<PixelService> {
  const channel = new MessageChannel();
  channels.push(channel);
  serve(channel.port2, pixelService());
  return new Connection<PixelService>(channel.port1);
}
afterEach(() => {
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

async function withPhoto(image: RgbaImage) {
  const pixels = connect();
  await pixels.call("setPhoto", { photo: 1, image: copyImage(image) });
  await pixels.call("setRegions", { photo: 1, regions: regions.map((r, id) => ({ id, region: copyRegion(r) })) });
  return pixels;
}

describe("pixel service", () => {
  const image = randomImage(WIDTH, HEIGHT, 3);
  const prepared = prepareImage(image);
  const settings = { ...DEFAULT_SETTINGS, segmentationThreshold: 0.3, growth: 4, radius: 6, seed: 42 };

  it("builds the same masks and hides with every method exactly as the stage functions do", async () => {
    const pixels = await withPhoto(image);
    const built = await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 7 });
    const direct = buildMask(prepared, regions, settings);
    expect(built.preview).toBe(false);
    expect(built.mask.data).toEqual(direct.mask.data);
    expect(built.ungrown.data).toEqual(direct.ungrown.data);
    expect(built.people.map((p) => [p.fallback, [...p.mask.data]])).toEqual(
      direct.people.map((p) => [p.fallback, [...p.mask.data]]),
    );
    for (const method of ["fuzz", "pixelate", "blur", "fill", "background"] as const) {
      const hidden = await pixels.call("obfuscate", { photo: 1, mask: 7, settings: { ...settings, method } });
      const expected = obfuscatePeople(prepared, direct.mask, { ...settings, method });
      expect(Buffer.from(hidden.image.data).equals(Buffer.from(expected.image.data)), method).toBe(true);
    }
  });

  it("at a preview size, runs the same stages on a smaller copy with growth and radius scaled", async () => {
    const pixels = await withPhoto(image);
    const size = { width: 60, height: 60 };
    const built = await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, size, mask: 8 });
    const fitted = previewSize(image, size)!;
    expect(fitted).toEqual({ width: 60, height: 45 });
    const preview = previewImage(prepared, fitted);
    const scaled = previewSettings(settings, 0.5);
    expect([scaled.growth, scaled.radius]).toEqual([2, 3]);
    const direct = buildMask(preview, regions, scaled);
    expect(built.preview).toBe(true);
    expect([built.mask.width, built.mask.height]).toEqual([60, 45]);
    expect(built.mask.data).toEqual(direct.mask.data);
    const hidden = await pixels.call("obfuscate", { photo: 1, mask: 8, settings });
    expect(hidden.image.data).toEqual(obfuscatePeople(preview, direct.mask, scaled).image.data);
  });

  it("hides a photo-sized mask at a preview size: the mask scaled down (nearest), the radius scaled", async () => {
    const pixels = await withPhoto(image);
    const built = await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 9 });
    const size = { width: 60, height: 60 };
    const hidden = await pixels.call("obfuscate", { photo: 1, mask: 9, settings, size });
    const preview = previewImage(prepared, { width: 60, height: 45 });
    const small = resizeMaskNearest(built.mask, 60, 45);
    expect(hidden.preview).toBe(true);
    expect([hidden.image.width, hidden.image.height]).toEqual([60, 45]);
    expect(hidden.image.data).toEqual(obfuscatePeople(preview, small, previewSettings(settings, 0.5)).image.data);
    // Without a size, or with one the photo already fits in, the full-size result.
    const full = await pixels.call("obfuscate", { photo: 1, mask: 9, settings, size: { width: 500, height: 500 } });
    expect(full.preview).toBe(false);
    expect(full.image.data).toEqual(
      obfuscatePeople(prepared, buildMask(prepared, regions, settings).mask, settings).image.data,
    );
  });

  it("gives the fail-closed provisional mask from detections alone, kept for the hiding stage", async () => {
    const pixels = await withPhoto(image);
    const detections = [detection, { ...detection, score: 0.2, box: { x: 70, y: 10, width: 20, height: 20 } }];
    const reply = await pixels.call("provisionalMask", { photo: 1, detections, settings, mask: 3 });
    const mask = provisionalMask(prepared, detections, settings);
    expect(reply.preview).toBe(false);
    expect(reply.mask.data).toEqual(mask.data);
    const hidden = await pixels.call("obfuscate", { photo: 1, mask: 3, settings });
    expect(hidden.image.data).toEqual(obfuscatePeople(prepared, mask, settings).image.data);
    // At a preview size, the boxes are scaled with the photo.
    const small = await pixels.call("provisionalMask", {
      photo: 1,
      detections,
      settings,
      mask: 4,
      size: { width: 60, height: 60 },
    });
    const scaled = detections.map((d) => ({
      ...d,
      box: { x: d.box.x / 2, y: d.box.y / 2, width: d.box.width / 2, height: d.box.height / 2 },
    }));
    expect(small.preview).toBe(true);
    expect(small.mask.data).toEqual(
      provisionalMask(previewImage(prepared, { width: 60, height: 45 }), scaled, settings).data,
    );
  });

  it("a photo larger than the models' side comes back with the models' copy and its scale", async () => {
    const large = randomImage(1600, 1000, 5);
    const pixels = connect();
    const reply = await pixels.call("setPhoto", { photo: 2, image: copyImage(large) });
    const expected = prepareImage(large);
    expect(reply.scale).toBe(expected.scale);
    expect([reply.full, reply.transparent]).toEqual([null, transparentShare(large)]);
    const same = (a: Uint8ClampedArray, b: Uint8ClampedArray) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));
    expect(same(reply.inference!.data, expected.inference.data)).toBe(true);
    const small = await pixels.call("setPhoto", { photo: 3, image: copyImage(image) });
    expect([small.inference, small.scale]).toEqual([null, 1]);
  });

  it("says what it does not hold, so the caller can send it again", async () => {
    const pixels = await withPhoto(image);
    await expect(pixels.call("obfuscate", { photo: 1, mask: 99, settings })).rejects.toMatchObject({
      name: "UnknownReference",
      message: "mask 99 is not here (send it again)",
    });
    await expect(pixels.call("buildMask", { photo: 2, regions: [0], settings, mask: 1 })).rejects.toMatchObject({
      name: "UnknownReference",
    });
    // A mask the caller kept can be given back.
    const direct = buildMask(prepared, regions, settings);
    await pixels.call("setMask", {
      photo: 1,
      mask: 5,
      value: { ...direct.mask, data: new Uint8Array(direct.mask.data) },
    });
    const hidden = await pixels.call("obfuscate", { photo: 1, mask: 5, settings });
    expect(hidden.image.data).toEqual(obfuscatePeople(prepared, direct.mask, settings).image.data);
  });

  describe("hiding a new mask ahead, with the last hiding's settings", () => {
    const macrotask = () => new Promise((resolve) => setTimeout(resolve, 5));
    const hideDirect = (mask: ReturnType<typeof buildMask>["mask"], hide: typeof settings) =>
      obfuscatePeople(prepared, mask, hide).image.data;

    it("answers the request it guessed with exactly what it would have computed", async () => {
      const pixels = await withPhoto(image);
      await pixels.call("buildMask", { photo: 1, regions: [0], settings, mask: 1 });
      await pixels.call("obfuscate", { photo: 1, mask: 1, settings }); // the last hiding's settings
      await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 2 });
      await macrotask(); // the hiding ahead runs
      const hidden = await pixels.call("obfuscate", { photo: 1, mask: 2, settings });
      expect(hidden.image.data).toEqual(hideDirect(buildMask(prepared, regions, settings).mask, settings));
    });

    it("never answers with it when the request differs: other settings, another mask, a preview size", async () => {
      const pixels = await withPhoto(image);
      await pixels.call("buildMask", { photo: 1, regions: [0], settings, mask: 1 });
      await pixels.call("obfuscate", { photo: 1, mask: 1, settings });
      const both = buildMask(prepared, regions, settings).mask;
      const one = buildMask(prepared, [regions[0]!], settings).mask;

      await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 2 });
      await macrotask();
      const reseeded = { ...settings, seed: 43, method: "fuzz" as const };
      const other = await pixels.call("obfuscate", { photo: 1, mask: 2, settings: reseeded });
      expect(other.image.data).toEqual(hideDirect(both, reseeded));

      await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 3 });
      await macrotask();
      const older = await pixels.call("obfuscate", { photo: 1, mask: 1, settings: reseeded });
      expect(older.image.data).toEqual(hideDirect(one, reseeded));

      await pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 4 });
      await macrotask();
      const size = { width: 60, height: 45 };
      const small = await pixels.call("obfuscate", { photo: 1, mask: 4, settings: reseeded, size });
      const fitted = previewSize(prepared.full, size)!;
      const factor = fitted.width / prepared.full.width;
      const preview = obfuscatePeople(
        previewImage(prepared, fitted),
        resizeMaskNearest(both, fitted.width, fitted.height),
        previewSettings(reseeded, factor),
      );
      expect([small.preview, small.image.width]).toEqual([true, fitted.width]);
      expect(small.image.data).toEqual(preview.image.data);
    });

    it("a request that arrives before the hiding ahead has run is computed once, as asked", async () => {
      const pixels = await withPhoto(image);
      await pixels.call("buildMask", { photo: 1, regions: [0], settings, mask: 1 });
      await pixels.call("obfuscate", { photo: 1, mask: 1, settings });
      // Sent back to back: the hiding request is served before the timer of the hiding ahead.
      const [, hidden] = await Promise.all([
        pixels.call("buildMask", { photo: 1, regions: [0, 1], settings, mask: 2 }),
        pixels.call("obfuscate", { photo: 1, mask: 2, settings }),
      ]);
      expect(hidden.image.data).toEqual(hideDirect(buildMask(prepared, regions, settings).mask, settings));
    });
  });
});

describe("provisional mask", () => {
  const prepared = prepareImage(randomImage(WIDTH, HEIGHT, 1));
  it("covers every pixel of each counted person's box, and nothing far from it", () => {
    const people: Detection[] = [
      detection,
      { label: "person", score: 0.5, box: { x: 95, y: 60, width: 40, height: 50 } }, // runs off the image
      { label: "person", score: 0.1, box: { x: 60, y: 5, width: 10, height: 10 } }, // below the threshold
      { label: "dog", score: 0.9, box: { x: 70, y: 40, width: 10, height: 10 } },
    ];
    const mask = provisionalMask(prepared, people, { scoreThreshold: 0.3, maxPeople: 20 });
    for (const { box } of people.slice(0, 2))
      for (let y = Math.ceil(box.y); y < Math.min(HEIGHT, box.y + box.height); y++)
        for (let x = Math.ceil(box.x); x < Math.min(WIDTH, box.x + box.width); x++)
          expect(mask.data[y * WIDTH + x], `(${x}, ${y})`).toBe(1);
    expect(mask.data[10 * WIDTH + 65]).toBe(0);
    expect(mask.data[45 * WIDTH + 75]).toBe(0);
    expect(mask.data[0]).toBe(0);
    // The ellipse through the corners spills past each side by at most (√2 − 1)/2 of it.
    expect(mask.data[40 * WIDTH + 10 - 7]).toBe(0);
    expect(mask.data[40 * WIDTH + 10 - 5]).toBe(1);
    expect(provisionalMask(prepared, people, { scoreThreshold: 0.3, maxPeople: 1 }).data[80 * WIDTH + 100]).toBe(0);
  });
});
