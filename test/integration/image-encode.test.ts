// Writing images in their own format: channels left out only when that loses nothing, and a kept colour
// profile embedded as it is in JPEG, PNG and WebP (read back by sharp, pixels untouched).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeImage, encodeImage, type OutputFormat } from "../../components/node/image-file.js";

async function sample(width: number) {
  return (await decodeImage(await sharp("data/samples/astronaut.png").resize({ width }).png().toBuffer())).image;
}

describe("encodeImage", () => {
  it("leaves out alpha when every pixel is opaque and colour when every pixel is grey, losslessly", async () => {
    const colour = await sample(64);
    const opaque = await sharp(await encodeImage(colour, { format: "png", quality: 92 })).metadata();
    expect([opaque.channels, opaque.hasAlpha]).toEqual([3, false]);
    const translucent = { ...colour, data: Uint8ClampedArray.from(colour.data, (v, i) => (i % 4 === 3 ? 128 : v)) };
    expect((await sharp(await encodeImage(translucent, { format: "png", quality: 92 })).metadata()).hasAlpha).toBe(
      true,
    );
    const grey = {
      ...colour,
      data: Uint8ClampedArray.from(colour.data, (_, i) => (i % 4 === 3 ? 255 : colour.data[i - (i % 4)]!)),
    };
    const bytes = await encodeImage(grey, { format: "png", quality: 92 });
    expect((await sharp(bytes).metadata()).channels).toBe(1);
    expect(Buffer.from((await decodeImage(bytes)).image.data).equals(Buffer.from(grey.data))).toBe(true);
  });

  it.each([
    ["jpeg", {}],
    ["png", {}],
    ["webp", {}],
    ["webp", { lossless: true }],
  ] as const)("embeds a kept colour profile in %s %o without touching the pixels", async (format, encoding) => {
    const image = await sample(96);
    const p3 = await sharp(
      await sharp(Buffer.from(image.data), { raw: { width: 96, height: 96, channels: 4 } })
        .png()
        .toBuffer(),
    )
      .withIccProfile("p3")
      .png()
      .toBuffer();
    const { icc } = await decodeImage(p3, { keepIcc: true });
    expect(icc).toBeDefined();
    const options = {
      format: format as OutputFormat,
      quality: 92,
      encoding: { progressive: false, ...encoding, lossless: "lossless" in encoding },
    };
    const plain = await encodeImage(image, options);
    const kept = await encodeImage(image, { ...options, icc: icc! });
    expect(Buffer.compare((await sharp(kept).metadata()).icc!, Buffer.from(icc!))).toBe(0);
    expect((await sharp(plain).metadata()).icc).toBeUndefined();
    const pixels = async (bytes: Buffer) => sharp(bytes, { ignoreIcc: true }).raw().toBuffer();
    expect((await pixels(kept)).equals(await pixels(plain))).toBe(true);
  });

  it("embeds a profile in a translucent lossy WebP (the extended layout it already has)", async () => {
    const image = await sample(48);
    const translucent = { ...image, data: Uint8ClampedArray.from(image.data, (v, i) => (i % 4 === 3 ? 200 : v)) };
    const { icc } = await decodeImage(await sharp("data/samples/camera.png").withIccProfile("p3").png().toBuffer(), {
      keepIcc: true,
    });
    const bytes = await encodeImage(translucent, { format: "webp", quality: 92, icc: icc! });
    const metadata = await sharp(bytes).metadata();
    expect([metadata.hasAlpha, metadata.width, Buffer.compare(metadata.icc!, Buffer.from(icc!))]).toEqual([
      true,
      48,
      0,
    ]);
  });
});
