// Odd, broken and huge files uploaded to the home page of the built site, on one page: each is either
// processed (right size, upright, what the page says about it) or refused with a reason while the
// previous photo and result stay. Then photos changed mid-run, and 50 uploads with the tensor count (in the
// model worker) flat. Fixtures are made here from the shipped samples with sharp, so no image is committed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import sharp, { type Sharp } from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { grayPng } from "../fixtures.js";
import { closeBrowser, DESKTOP, expectNoObservableErrors, type OpenedPage, openPage } from "./browser.js";
import {
  type HomeStatus,
  numTensors,
  readOutput as readHomeOutput,
  readStatus as readHomeStatus,
  photoCardText as readPhotoCard,
  type Upload,
  upload as uploadTo,
  waitForStatus as waitForHomeStatus,
} from "./home-page.js";
import { root } from "./setup.js";

const LOAD_TIMEOUT = 150_000;
const astronaut = readFileSync(join(root, "data/samples/astronaut.png"));

let opened: OpenedPage;
let page: Page;

const readStatus = () => readHomeStatus(page);
const waitForStatus = (accept: (status: HomeStatus) => boolean, timeout = 60_000) =>
  waitForHomeStatus(page, accept, timeout);
const readOutput = (withData = false) => readHomeOutput(page, withData);

function choose(file: Upload): Promise<void> {
  return page.locator('.drop-input input[type="file"]').setInputFiles(file);
}

const upload = (file: Upload) => uploadTo(page, file);

/** Uploads a file that must be refused: the message names it, and the previous photo and result stay. */
async function expectRefused(file: Upload, reason: RegExp): Promise<HomeStatus> {
  const before = await readOutput();
  const name = await photoCardText();
  await choose(file);
  const status = await waitForStatus((s) => s.state === "error" && reason.test(s.text));
  expect(await page.getByRole("alert").textContent()).toMatch(reason);
  expect(await readOutput()).toMatchObject({ width: before.width, height: before.height, hash: before.hash });
  expect(await photoCardText()).toBe(name);
  return status;
}

const photoCardText = () => readPhotoCard(page);

const png = async (image: Sharp, name: string): Promise<Upload> => ({
  name,
  mimeType: "image/png",
  buffer: await image.png().toBuffer(),
});

afterAll(closeBrowser);

describe("home page: bad and unusual files", () => {
  beforeAll(async () => {
    opened = await openPage("", DESKTOP);
    page = opened.page;
    await waitForStatus(() => true, LOAD_TIMEOUT);
  }, LOAD_TIMEOUT);
  afterAll(() => opened?.close());
  afterEach(async () => {
    await expectNoObservableErrors(page);
    expect(opened.pageErrors, "uncaught page errors").toEqual([]);
    expect(opened.foreignRequests, "requests to other hosts").toEqual([]);
  });

  test("an empty file, a truncated JPEG and text named .jpg are refused; the previous photo stays", async () => {
    expect((await readStatus()).state).toBe("done");
    await expectRefused({ name: "empty.png", mimeType: "image/png", buffer: Buffer.alloc(0) }, /empty\.png is empty/);
    const jpeg = await sharp(astronaut).jpeg().toBuffer();
    await expectRefused(
      { name: "cut.jpg", mimeType: "image/jpeg", buffer: jpeg.subarray(0, jpeg.length >> 1) },
      /cut\.jpg is not a readable image/,
    );
    const text = { name: "fake.jpg", mimeType: "image/jpeg", buffer: Buffer.from("I am a shopping list\n") };
    await expectRefused(text, /fake\.jpg is not a readable image/);
  });

  test("a real 20000×20000 PNG is refused from its header, quickly, with the size and the limit", async () => {
    const huge = { name: "huge.png", mimeType: "image/png", buffer: grayPng(20000, 20000) };
    const started = Date.now();
    await expectRefused(
      huge,
      /huge\.png is too large: 20000×20000 is 400 megapixels; this page reads photos up to 120 megapixels/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await page.evaluate(() => 6 * 7)).toBe(42); // the tab is alive
  });

  test("an 8×8 photo is processed at 8×8", async () => {
    const status = await upload(await png(sharp(astronaut).resize(8, 8), "tiny.png"));
    expect(["done", "no-people"]).toContain(status.state);
    expect(await readOutput()).toMatchObject({ width: 8, height: 8 });
    expect(await photoCardText()).toMatch(/^tiny\.png, 8 × 8 pixels/);
  });

  test("greyscale, 16-bit and palette PNGs are processed; a greyscale result stays grey", async () => {
    for (const [name, image] of [
      ["grey.png", sharp(astronaut).greyscale().png()],
      ["sixteen.png", sharp(astronaut).toColourspace("rgb16").png()],
      ["palette.png", sharp(astronaut).png({ palette: true, colours: 32 })],
    ] as const) {
      const status = await upload({ name, mimeType: "image/png", buffer: await image.toBuffer() });
      expect(status.state, `${name}: ${status.text}`).toBe("done");
      expect(status.people, name).toBe(1);
      const output = await readOutput(name === "grey.png");
      expect([output.width, output.height]).toEqual([512, 512]);
      for (let i = 0; i < output.data.length; i += 4) {
        if (output.data[i] !== output.data[i + 1] || output.data[i] !== output.data[i + 2])
          throw new Error(`${name}: pixel ${i / 4} is not grey`);
      }
    }
  });

  test("a half-transparent photo: people are still found, the page says so, and the result keeps the transparency", async () => {
    const status = await upload(await png(sharp(astronaut).ensureAlpha(0.5), "glass.png"));
    expect(status.state, status.text).toBe("done");
    expect(status.people).toBe(1);
    expect(await photoCardText()).toContain("partly transparent (100% of pixels)");
    expect(await photoCardText()).toContain("the result keeps the transparency");
    const { data } = await readOutput(true);
    const alphas = new Set(data.filter((_, i) => i % 4 === 3));
    expect(
      [...alphas].every((a) => Math.abs(a - 128) <= 1),
      `alphas ${[...alphas]}`,
    ).toBe(true);
  });

  test("a CMYK JPEG is decoded with sane colours", async () => {
    // Four flat colour blocks and nobody in them, so the result is the decoded photo itself; stored as
    // print software does, with its CMYK profile. Chromium's colours must match sharp's (lcms) decode.
    const colours = [
      [200, 40, 40],
      [40, 160, 60],
      [40, 60, 190],
      [230, 210, 60],
    ];
    const block = (c: number[]) =>
      sharp({ create: { width: 160, height: 120, channels: 3, background: { r: c[0]!, g: c[1]!, b: c[2]! } } })
        .png()
        .toBuffer();
    const blocks = await Promise.all(colours.map(block));
    const rgb = sharp({ create: { width: 320, height: 240, channels: 3, background: "#000" } }).composite(
      blocks.map((input, i) => ({ input, left: (i % 2) * 160, top: Math.floor(i / 2) * 120 })),
    );
    const cmyk = await sharp(await rgb.png().toBuffer())
      .toColourspace("cmyk")
      .withIccProfile("cmyk")
      .jpeg()
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const reference = await sharp(cmyk).toColourspace("srgb").raw().toBuffer();
    const status = await upload({ name: "print.jpg", mimeType: "image/jpeg", buffer: cmyk });
    expect(status.state, status.text).toBe("no-people");
    const { width, data } = await readOutput(true);
    colours.forEach((colour, i) => {
      const [x, y] = [(i % 2) * 160 + 80, Math.floor(i / 2) * 120 + 60];
      const pixel = data.slice((y * width + x) * 4, (y * width + x) * 4 + 3);
      const expected = [...reference.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
      expect(
        Math.max(...pixel.map((v, c) => Math.abs(v - expected[c]!))),
        `block ${i}: ${pixel} vs ${expected}`,
      ).toBeLessThan(45);
      // The strongest channel is the original's: nothing inverted or swapped.
      expect(pixel.indexOf(Math.max(...pixel)), `block ${i}: ${pixel}`).toBe(colour.indexOf(Math.max(...colour)));
    });
  });

  test("an EXIF-rotated photo (orientation 6) is upright, and hidden the same as the photo stored upright", async () => {
    // Stored sideways (400×600) with orientation 6 telling viewers to turn it to 600×400.
    const sideways = await sharp(astronaut)
      .resize(600, 400, { fit: "fill" })
      .rotate(-90)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const upright = await sharp(sideways).rotate().png().toBuffer();
    let status = await upload({ name: "upright.png", mimeType: "image/png", buffer: upright });
    expect(status.state, status.text).toBe("done");
    const reference = await readOutput(true);
    expect([reference.width, reference.height]).toEqual([600, 400]);

    status = await upload({ name: "sideways.jpg", mimeType: "image/jpeg", buffer: sideways });
    expect(status.state, status.text).toBe("done");
    expect(await photoCardText()).toContain("EXIF orientation 6 applied");
    const rotated = await readOutput(true);
    expect([rotated.width, rotated.height]).toEqual([600, 400]);
    // A mask out of line with the photo would leave part of the person and hide background instead.
    let differing = 0;
    for (let i = 0; i < rotated.data.length; i += 4) {
      if ([0, 1, 2].some((c) => Math.abs(rotated.data[i + c]! - reference.data[i + c]!) > 48)) differing++;
    }
    expect(differing / (600 * 400)).toBeLessThan(0.05);
  });

  test("an animated GIF: the first frame is used, and the page says so", async () => {
    const frame = await sharp(astronaut).resize(256, 256).raw().toBuffer();
    const strip = Buffer.concat([frame, Buffer.from(frame.map((v) => 255 - v)), Buffer.from(frame.map((v) => v >> 1))]);
    const gif = await sharp(strip, { raw: { width: 256, height: 768, channels: 3, pageHeight: 256 } })
      .gif()
      .toBuffer();
    const status = await upload({ name: "moving.gif", mimeType: "image/gif", buffer: gif });
    expect(status.state, status.text).toBe("done");
    expect(await photoCardText()).toContain("animated GIF: the first of 3 frames was used");
    const { width, height, data } = await readOutput(true);
    expect([width, height]).toEqual([256, 256]);
    // Outside the hidden person the result is frame 1, not frame 2.
    const first = await sharp(gif).raw().toBuffer(); // sharp reads page 1 by default
    const close = (frameData: Buffer | Uint8Array) => {
      let n = 0;
      for (let p = 0; p < width * height; p++)
        if ([0, 1, 2].every((c) => Math.abs(data[p * 4 + c]! - frameData[p * 4 + c]!) <= 2)) n++;
      return n / (width * height);
    };
    expect(close(first)).toBeGreaterThan(0.3);
    const second = await sharp(gif, { page: 1 }).raw().toBuffer();
    expect(close(second)).toBeLessThan(0.05);
  });

  test("an SVG is drawn at its own size, or at a stated size when it has none", async () => {
    const shapes =
      '<rect width="100%" height="100%" fill="#3a6ea5"/><circle cx="50%" cy="50%" r="20%" fill="#f2c14e"/>';
    const sized = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">${shapes}</svg>`;
    let status = await upload({ name: "drawing.svg", mimeType: "image/svg+xml", buffer: Buffer.from(sized) });
    expect(status.state, status.text).toBe("no-people");
    const { width, height, data } = await readOutput(true);
    expect([width, height]).toEqual([320, 240]);
    expect(data.slice(0, 4)).toEqual([0x3a, 0x6e, 0xa5, 255]);
    const centre = (120 * 320 + 160) * 4;
    expect(data.slice(centre, centre + 4)).toEqual([0xf2, 0xc1, 0x4e, 255]);

    const unsized = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100">${shapes}</svg>`;
    status = await upload({ name: "banner.svg", mimeType: "image/svg+xml", buffer: Buffer.from(unsized) });
    expect(status.state, status.text).toBe("no-people");
    expect(await readOutput()).toMatchObject({ width: 1024, height: 256 });
    expect(await photoCardText()).toContain("SVG with no size of its own: drawn at 1024×256");

    await expectRefused(
      { name: "broken.svg", mimeType: "image/svg+xml", buffer: Buffer.from(sized.slice(0, 60)) },
      /broken\.svg is not a readable image \(invalid SVG\)/,
    );
  });

  test("changing the photo mid-run shows only the newer photo's result", async () => {
    const a = await png(sharp(astronaut).resize(2048, 2048), "a.png"); // large, so its stages take a while
    const b = await png(sharp(astronaut).resize(400, 300, { fit: "fill" }), "b.png");
    // B straight after A (A still decoding), then B again while A's stages run.
    await choose(a);
    await choose(b);
    await expectSettledOn(b.name, 400, 300);
    // The page itself picks B the moment A's first stage starts, as a drop would: no round trip between.
    await page.locator('.drop-input input[type="file"]').evaluate(
      (input: HTMLInputElement, { name, base64 }) => {
        const status = document.querySelector<HTMLElement>("#pipeline-status")!;
        new MutationObserver((_, observer) => {
          if (status.dataset.state !== "running") return;
          observer.disconnect();
          input.dataset.swappedDuring = status.textContent ?? "";
          const transfer = new DataTransfer();
          transfer.items.add(
            new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: "image/png" }),
          );
          input.files = transfer.files;
          input.dispatchEvent(new Event("change"));
        }).observe(status, { attributes: true });
      },
      { name: b.name, base64: b.buffer.toString("base64") },
    );
    await choose(a);
    await expect
      .poll(() => page.locator('.drop-input input[type="file"]').getAttribute("data-swapped-during"))
      .toMatch(/Finding people/);
    await expectSettledOn(b.name, 400, 300);
  });

  async function expectSettledOn(name: string, width: number, height: number): Promise<void> {
    await expect
      .poll(async () => (await readStatus()).state === "done" && (await readOutput()).width === width, {
        timeout: 60_000,
      })
      .toBe(true);
    await page.waitForTimeout(3000); // long enough for a stale run to land, had it not been dropped
    const status = await readStatus();
    expect(status.state, status.text).toBe("done");
    expect(await readOutput()).toMatchObject({ width, height });
    expect(await photoCardText()).toMatch(new RegExp(`^${name}, ${width} × ${height} pixels`));
    expect(await page.locator(".drop-input-name").textContent()).toBe(name);
  }

  test("50 uploads in a row all complete, with the tensor count flat", { timeout: 240_000 }, async () => {
    const sizes = [
      [160, 160],
      [200, 150],
      [150, 200],
    ] as const;
    const photos = await Promise.all(
      sizes.map(([w, h], i) => png(sharp(astronaut).resize(w, h, { fit: "fill" }), `load-${i}.png`)),
    );
    const counts: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      const status = await upload(photos[i % photos.length]!);
      expect(status.state, `upload ${i + 1}: ${status.text}`).toBe("done");
      counts.push(await numTensors(page));
    }
    console.log(
      `e2e: 50 uploads in ${((Date.now() - started) / 1000).toFixed(1)} s; tensors ${counts[0]}…${counts.at(-1)}`,
    );
    expect(Math.max(...counts) - Math.min(...counts), `tensor counts: ${counts.join(" ")}`).toBe(0);
  });
});
