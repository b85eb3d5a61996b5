// The browser decoder refuses oversized files and names skipped frames from the header alone: sizes,
// frame counts and orientation read from real files written by sharp.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { orientedSize, readImageHeader } from "../../components/browser/image-header.js";

const photo = () => sharp("data/samples/astronaut.png").resize(300, 200, { fit: "fill" });

async function animated(format: "gif" | "webp", frames: number): Promise<Uint8Array> {
  const frame = await photo().resize(40, 30, { fit: "fill" }).removeAlpha().raw().toBuffer();
  // Every other frame inverted: encoders merge identical frames.
  const strip = Buffer.concat(Array.from({ length: frames }, (_, i) => (i % 2 ? frame.map((v) => 255 - v) : frame)));
  return sharp(strip, { raw: { width: 40, height: 30 * frames, channels: 3, pageHeight: 30 } })
    [format]()
    .toBuffer();
}

describe("readImageHeader", () => {
  it.each([
    ["png", () => photo().png().toBuffer()],
    ["jpeg", () => photo().jpeg().toBuffer()],
    ["jpeg", () => photo().jpeg({ progressive: true }).toBuffer()],
    ["webp", () => photo().webp().toBuffer()],
    ["webp", () => photo().webp({ lossless: true }).toBuffer()],
    ["webp", () => photo().ensureAlpha(0.5).webp().toBuffer()], // VP8X
    ["gif", () => photo().gif().toBuffer()],
  ])("reads the size of a %s", async (format, make) => {
    expect(readImageHeader(await make())).toEqual({ format, width: 300, height: 200, frames: 1, orientation: 1 });
  });

  it("counts the frames of animated GIFs and WebPs", async () => {
    expect(readImageHeader(await animated("gif", 3))).toMatchObject({
      format: "gif",
      width: 40,
      height: 30,
      frames: 3,
    });
    expect(readImageHeader(await animated("webp", 4))).toMatchObject({
      format: "webp",
      width: 40,
      height: 30,
      frames: 4,
    });
  });

  it("reads a JPEG's EXIF orientation and the size it is shown at", async () => {
    const sideways = await photo().rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const header = readImageHeader(sideways)!;
    expect(header).toMatchObject({ format: "jpeg", width: 200, height: 300, orientation: 6 });
    expect(orientedSize(header)).toEqual({ width: 300, height: 200 });
  });

  it("reads a BMP and recognises an SVG", async () => {
    const bmp = Buffer.alloc(54);
    bmp.write("BM", 0, "latin1");
    bmp.writeInt32LE(300, 18);
    bmp.writeInt32LE(-200, 22); // top-down rows
    expect(readImageHeader(bmp)).toMatchObject({ format: "bmp", width: 300, height: 200 });
    const svg =
      '\uFEFF<?xml version="1.0"?>\n<!-- a comment -->\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>';
    expect(readImageHeader(new TextEncoder().encode(svg))).toMatchObject({ format: "svg" });
  });

  it("recognises nothing in text, an empty file or a JPEG cut before its frame header", async () => {
    const jpeg = await photo()
      .withExif({ IFD0: { ImageDescription: "x".repeat(2000) } })
      .jpeg()
      .toBuffer();
    for (const bytes of [new TextEncoder().encode("hello, <svg> fan\n"), new Uint8Array(0), jpeg.subarray(0, 100)]) {
      expect(readImageHeader(bytes)).toBeUndefined();
    }
  });
});
