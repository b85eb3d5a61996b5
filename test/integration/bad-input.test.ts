// Odd and broken files in Node: each is either read correctly (upright, 8-bit RGBA, right size) or refused
// with a message that says why. Fixtures are made here from the shipped samples, so none are committed.
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeImage, encodePng } from "../../components/node/image-file.js";
import { type Models, runPipeline } from "../../components/pipeline/run.js";
import { grayPng } from "../fixtures.js";
import { loadModels } from "./models.js";

let astronaut: Buffer;
let models: Models;
beforeAll(async () => {
  astronaut = await readFile("data/samples/astronaut.png");
  models = await loadModels();
});

const pixel = (image: { width: number; data: Uint8ClampedArray }, x: number, y: number) =>
  Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

describe("files that are not usable images", () => {
  it.each([
    ["an empty file", () => Buffer.alloc(0), /the file is empty/],
    ["a text file", () => Buffer.from("hello, I am not a photo\n"), /not a readable image/],
    [
      "a truncated JPEG",
      async () => (await sharp(astronaut).jpeg().toBuffer()).subarray(0, 4000),
      /could not be decoded|not a readable image/,
    ],
    ["a truncated PNG", async () => astronaut.subarray(0, 5000), /could not be decoded|not a readable image/],
    [
      "a 20000×20000 PNG (over the pixel limit)",
      () => grayPng(20000, 20000),
      /too large: 20000×20000 is 400 megapixels; the limit is 268 megapixels/,
    ],
  ])("%s is refused with a reason", async (_name, make, reason) => {
    await expect(decodeImage(await make())).rejects.toThrow(reason);
  });
});

describe("colour formats and containers", () => {
  it("reads greyscale, 16-bit, palette and alpha PNGs as 8-bit RGBA", async () => {
    const grey = await decodeImage(await sharp(astronaut).greyscale().png().toBuffer());
    const [r, g, b, a] = pixel(grey.image, 100, 100);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(a).toBe(255);
    const sixteen = await decodeImage(await sharp(astronaut).toColourspace("rgb16").png().toBuffer());
    expect(sixteen.image.data).toBeInstanceOf(Uint8ClampedArray);
    const reference = pixel((await decodeImage(astronaut)).image, 100, 100);
    expect(
      pixel(sixteen.image, 100, 100)
        .map((v, i) => Math.abs(v - reference[i]!))
        .every((d) => d <= 1),
    ).toBe(true);
    const palette = await decodeImage(await sharp(astronaut).png({ palette: true, colours: 16 }).toBuffer());
    expect([palette.image.width, palette.image.height]).toEqual([512, 512]);
    const alpha = await decodeImage(await sharp(astronaut).ensureAlpha(0.5).png().toBuffer());
    expect(Math.abs(pixel(alpha.image, 10, 10)[3]! - 128)).toBeLessThanOrEqual(1);
  });

  it("converts a CMYK JPEG to sRGB", async () => {
    const cmyk = await sharp(astronaut).toColourspace("cmyk").jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const { image } = await decodeImage(cmyk);
    const reference = (await decodeImage(astronaut)).image;
    // Colours survive the round trip through CMYK within JPEG error.
    const differences = [0, 1, 2].map((c) => Math.abs(pixel(image, 256, 100)[c]! - pixel(reference, 256, 100)[c]!));
    expect(Math.max(...differences)).toBeLessThan(40);
  });

  it("turns an EXIF-rotated photo upright", async () => {
    // Stored sideways (rotated 90° anticlockwise) with orientation 6 telling viewers to rotate it back.
    const sideways = await sharp(astronaut)
      .resize(512, 256, { fit: "fill" })
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const stored = await sharp(sideways).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([256, 512, 6]);
    const { image, notes } = await decodeImage(sideways);
    expect([image.width, image.height]).toEqual([512, 256]);
    expect(notes.join()).toMatch(/orientation 6/);
  });

  it("takes the first frame of an animated GIF and says so", async () => {
    const frames = await sharp(astronaut).resize(64, 64).raw().toBuffer();
    const twoFrames = Buffer.concat([frames, Buffer.from(frames.map((v) => 255 - v))]);
    const gif = await sharp(twoFrames, { raw: { width: 64, height: 128, channels: 3, pageHeight: 64 } })
      .gif()
      .toBuffer();
    expect((await sharp(gif, { pages: -1 }).metadata()).pages).toBe(2);
    const { image, notes } = await decodeImage(gif);
    expect([image.width, image.height]).toEqual([64, 64]);
    expect(notes.join()).toMatch(/2 frames: the first frame was used/);
  });

  it("rasterises an SVG", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#ff0000"/></svg>',
    );
    const { image, format } = await decodeImage(svg);
    expect(format).toBe("svg");
    expect([image.width, image.height]).toEqual([40, 30]);
    expect(pixel(image, 20, 15)).toEqual([255, 0, 0, 255]);
  });

  it("writes no metadata: GPS and comments in the input are not in the output", async () => {
    const tagged = await sharp(astronaut)
      .withExif({
        IFD0: { ImageDescription: "secret place" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(tagged).metadata()).exif).toBeDefined();
    const out = await encodePng((await decodeImage(tagged)).image);
    const metadata = await sharp(out).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(out.includes("secret place")).toBe(false);
    expect(out.includes("GPS")).toBe(false);
  });
});

describe("extreme sizes through the whole pipeline", () => {
  it("an 8×8 photo runs end to end and keeps its size", async () => {
    const tiny = await decodeImage(await sharp(astronaut).resize(8, 8).png().toBuffer());
    const { output, mask } = await runPipeline(tiny.image, models);
    expect([output.width, output.height, mask.width, mask.height]).toEqual([8, 8, 8, 8]);
  });

  it("a photo larger than the inference size is hidden at full resolution", async () => {
    const big = await decodeImage(await sharp(astronaut).resize(2400, 2400).jpeg().toBuffer());
    const { output, mask, report } = await runPipeline(big.image, models);
    expect([output.width, output.height, mask.width, mask.height]).toEqual([2400, 2400, 2400, 2400]);
    expect(report.peopleFound).toBe(1);
    expect(report.maskShare).toBeGreaterThan(0.15);
  });
});
