// The fuzzy-people command end to end: real files in, PNGs and a report out, one bad file reported.
import { copyFile, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { BatchReport } from "../../components/cli/report.js";
import { cli } from "./cli-run.js";

describe("fuzzy-people CLI", () => {
  it("processes a folder, reports the bad file by name and reason, and exits non-zero", async () => {
    const input = await mkdtemp(join(tmpdir(), "fuzzy-in-"));
    const out = await mkdtemp(join(tmpdir(), "fuzzy-out-"));
    await copyFile("data/samples/street-walker.jpg", join(input, "street.jpg"));
    await copyFile("data/samples/camera.png", join(input, "camera.png"));
    await writeFile(join(input, "broken.jpg"), "this is not a photo\n");
    const report = join(out, "report.json");

    const { code, stderr } = await cli(["--out-dir", out, "--mask", "--report", report, input]);

    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.jpg: not a readable image/);
    expect(stderr).toMatch(/\[3\/3\]/);
    expect((await readdir(out)).sort()).toEqual([
      "camera.mask.png",
      "camera.png",
      "report.json",
      "street.jpg",
      "street.mask.png",
    ]);
    for (const [name, file, format, width, height] of [
      ["street", "street.jpg", "jpeg", 768, 576],
      ["camera", "camera.png", "png", 512, 512],
    ] as const) {
      const image = await sharp(join(out, file)).metadata();
      expect([image.format, image.width, image.height]).toEqual([format, width, height]);
      expect(image.exif).toBeUndefined();
      const maskFile = await sharp(join(out, `${name}.mask.png`)).metadata();
      expect([maskFile.format, maskFile.channels, maskFile.depth, maskFile.width, maskFile.height]).toEqual([
        "png",
        1,
        "uchar",
        width,
        height,
      ]);
      const mask = await sharp(join(out, `${name}.mask.png`))
        .extractChannel(0)
        .raw()
        .toBuffer({ resolveWithObject: true });
      const values = new Set(mask.data);
      expect([...values].sort((a, b) => a - b)).toEqual([0, 255]);
    }
    const { entries } = JSON.parse(await readFile(report, "utf8")) as BatchReport;
    expect(entries.map((e) => e.input.split("/").pop())).toEqual(["broken.jpg", "camera.png", "street.jpg"]);
    expect(entries[0]!.error).toMatch(/not a readable image/);
    expect(entries[1]!.report!.hidden).toBe(true);
    // Without --seed, a fresh secret seed is used and recorded, so the run can be repeated by its owner.
    const seed = entries[2]!.report!.settings.seed;
    expect(Number.isSafeInteger(seed) && seed > 1_000_000).toBe(true);
    expect(entries[1]!.report!.settings.seed).toBe(seed);
  });

  it("gives the same PNG for the same --seed", async () => {
    const outs = [await mkdtemp(join(tmpdir(), "fuzzy-a-")), await mkdtemp(join(tmpdir(), "fuzzy-b-"))];
    for (const out of outs)
      expect(
        (await cli(["--out-dir", out, "--method", "fuzz", "--seed", "7", "-q", "data/samples/astronaut.png"])).code,
      ).toBe(0);
    const [a, b] = await Promise.all(outs.map((out) => readFile(join(out, "astronaut.png"))));
    expect(a!.equals(b!)).toBe(true);
  });

  it("refuses bad settings before loading anything", async () => {
    const { code, stderr } = await cli(["--out-dir", tmpdir(), "--radius=-3", "data/samples/camera.png"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/radius must be between 0 and 128, got -3/);
  });

  it("says which model file is missing, exits 2 and leaves nothing behind", async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-models-"));
    const out = join(root, "out");
    const { code, stderr } = await cli(["--models", join(root, "none"), "--out-dir", out, "data/samples/camera.png"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/model file .*none\/.* cannot be read \(ENOENT\); run `npm run models`/);
    expect(await readdir(root)).toEqual(["out"]);
    expect(await readdir(out)).toEqual([]);
  });

  it("prints its help", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--out-dir DIR/);
    expect(stdout).toMatch(/--method M/);
  });
});
