// fuzzy-people on collections, run as its own process with the real models: a nested tree with duplicate
// names, a symbolic link loop, a bad file and an unreadable folder; each photo in its own format; a run
// killed mid-way and one stopped with Ctrl-C, then resumed; shards; --files-from.
import { chmod, mkdir, mkdtemp, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { BatchReport } from "../../components/cli/report.js";
import { growMask } from "../../components/core/grow.js";
import type { Mask } from "../../components/core/types.js";
import { cli, startCli } from "./cli-run.js";
import { filesUnder } from "./files-under.js";

/** A sample scaled to `width` pixels wide, in `format`. */
async function photo(sample: string, width: number, format: "jpeg" | "png" | "webp" = "jpeg"): Promise<Buffer> {
  return sharp(`data/samples/${sample}`).resize({ width })[format]().toBuffer();
}

async function write(path: string, bytes: Buffer | string): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, bytes);
}

async function readReport(path: string): Promise<BatchReport> {
  return JSON.parse(await readFile(path, "utf8")) as BatchReport;
}

async function readMask(path: string): Promise<Mask> {
  const { data, info } = await sharp(path).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: Uint8Array.from(data, (v) => (v ? 1 : 0)) };
}

async function rgba(input: string | Buffer, ignoreIcc = false): Promise<{ width: number; data: Buffer }> {
  const { data, info } = await sharp(input, { ignoreIcc })
    .rotate()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, data };
}

/** Pixels where the mask is 0 that differ in R, G or B. */
function differingOutside(a: { data: Buffer }, b: { data: Buffer }, mask: Mask): number {
  let count = 0;
  for (let p = 0; p < mask.data.length; p++) {
    if (mask.data[p]) continue;
    const i = p * 4;
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) count++;
  }
  return count;
}

/** Lines until the journal of a running batch holds `lines` entries. */
async function journalLines(path: string, lines: number, timeoutMs = 240_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, "utf8").catch(() => "");
    const count = text.split("\n").filter(Boolean).length;
    if (count >= lines) return count;
    if (Date.now() > until) throw new Error(`the journal ${path} reached only ${count} of ${lines} lines`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a nested folder tree", () => {
  it("mirrors the tree (no clash between same names), reports the bad file, the loop and the unreadable folder, and keeps input order", {
    timeout: 300_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-tree-"));
    const input = join(root, "in");
    const out = join(root, "out");
    await write(join(input, "a/x.jpg"), await photo("street-group.jpg", 320));
    await write(join(input, "b/x.jpg"), await photo("street-walker.jpg", 320));
    await write(join(input, "b/c/x.jpg"), await photo("astronaut.png", 256));
    await write(join(input, "b/bad.jpg"), "not a photo at all\n");
    await write(join(input, "b/notes.txt"), "not an image extension: not an input\n");
    await write(join(input, "b/.cache/y.jpg"), await photo("camera.png", 64));
    await symlink("..", join(input, "b/c/loop")); // b/c/loop → b: walking it would never end
    await write(join(input, "locked/z.jpg"), await photo("camera.png", 64));
    await chmod(join(input, "locked"), 0o000);
    // Root reads any folder: as root, the command runs without the capabilities that bypass permissions.
    const asRoot = process.getuid?.() === 0;
    const report = join(root, "report.json");

    const { code, stderr } = await cli(
      ["--jobs", "2", "--mask", "--report", report, "--out-dir", out, input],
      asRoot ? { wrapper: ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] } : {},
    );

    expect(code, stderr).toBe(1);
    const inputs = ["a/x.jpg", "b/bad.jpg", "b/c/loop", "b/c/x.jpg", "b/x.jpg", "locked"];
    // One line per input, numbered in input order whichever worker finished first.
    const numbered = [...stderr.matchAll(/^\[(\d)\/6\] (\S+): (.*)$/gm)];
    expect(numbered.map((m) => [Number(m[1]), relative(input, m[2]!)])).toEqual(inputs.map((p, i) => [i + 1, p]));
    expect(stderr).toMatch(/b\/bad\.jpg: not a readable image \(.+\)/);
    expect(stderr).toMatch(/b\/c\/loop: symbolic link loop: .* leads back to .*\/in\/b, not followed/);
    expect(stderr).toMatch(/locked: folder cannot be read \(permission denied\)/);
    expect(stderr).toMatch(/2 of 6 inputs could not be processed/); // the bad file and the locked folder
    expect(await filesUnder(out)).toEqual([
      "a/x.jpg",
      "a/x.mask.png",
      "b/c/x.jpg",
      "b/c/x.mask.png",
      "b/x.jpg",
      "b/x.mask.png",
    ]);

    const { entries, runs } = await readReport(report);
    expect(entries.map((e) => relative(input, e.input))).toEqual(inputs);
    for (const entry of entries.filter((e) => e.output)) {
      const info = await stat(entry.input);
      expect([entry.size, entry.mtimeMs]).toEqual([info.size, info.mtimeMs]);
      const [source, result] = await Promise.all([sharp(entry.input).metadata(), sharp(entry.output!).metadata()]);
      expect([result.format, result.width, result.height]).toEqual(["jpeg", source.width, source.height]);
      expect(entry.report!.hidden).toBe(true);
    }
    expect(entries[2]!.warning).toMatch(/symbolic link loop/);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ jobs: 2, inputs: 6, processed: 3, failed: 2, skipped: 0, notReached: 0 });
    expect(runs[0]!.peakRssMb).toBeGreaterThan(runs[0]!.rssMbBeforeWorkers);
  });
});

describe("each photo in its own format", () => {
  it("JPEG, PNG and WebP keep their format and size; outside the mask lossless, or no worse than one re-encode; metadata dropped", {
    timeout: 300_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-formats-"));
    const input = join(root, "in");
    const out = join(root, "out");
    // Stored sideways with EXIF orientation 6, a GPS position and a description: none of it may reach the output.
    const sideways = await sharp("data/samples/street-walker.jpg").resize({ width: 480 }).rotate(-90).toBuffer();
    const tagged = await sharp(sideways)
      .withExif({
        IFD0: { ImageDescription: "secret place" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
      })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();
    await write(join(input, "tagged.jpg"), tagged);
    await write(
      join(input, "full-colour.jpeg"),
      await sharp(await photo("street-group.jpg", 400))
        .jpeg({ quality: 95, chromaSubsampling: "4:4:4" })
        .toBuffer(),
    );
    await write(join(input, "grey.png"), await photo("camera.png", 256, "png"));
    await write(
      join(input, "lossy.webp"),
      await sharp(await photo("astronaut.png", 256, "png"))
        .webp({ quality: 80 })
        .toBuffer(),
    );
    await write(
      join(input, "lossless.webp"),
      await sharp(await photo("astronaut.png", 200, "png"))
        .webp({ lossless: true })
        .toBuffer(),
    );
    await write(
      join(input, "still.gif"),
      await sharp(await photo("street-group.jpg", 240, "png"))
        .gif()
        .toBuffer(),
    );
    const report = join(root, "report.json");

    const { code, stderr } = await cli(["--mask", "--report", report, "--out-dir", out, input]);

    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/tagged\.jpg: .*EXIF orientation 6 applied/);
    expect(await filesUnder(out)).toEqual(
      ["full-colour.jpeg", "grey.png", "lossless.webp", "lossy.webp", "still.png", "tagged.jpg"]
        .flatMap((name) => [name, `${name.replace(/\.\w+$/, "")}.mask.png`])
        .sort(),
    );
    const { entries } = await readReport(report);
    const entry = (name: string) => entries.find((e) => e.input.endsWith(`/${name}`))!;
    const expectedFormats: Record<string, string> = {
      "tagged.jpg": "jpeg",
      "full-colour.jpeg": "jpeg",
      "grey.png": "png",
      "lossy.webp": "webp",
      "lossless.webp": "webp",
      "still.gif": "png",
    };
    for (const [name, format] of Object.entries(expectedFormats)) {
      const { output } = entry(name);
      const [source, result] = await Promise.all([rgba(join(input, name)), sharp(output!).metadata()]);
      expect([result.format, result.width, result.height], name).toEqual([
        format,
        source.width,
        source.data.length / 4 / source.width,
      ]);
      expect([result.exif, result.xmp, result.icc, result.orientation], name).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect((await readFile(output!)).includes("secret place"), name).toBe(false);
    }

    // JPEG: the source's chroma subsampling is kept, and outside the mask the output is no worse than the input
    // encoded once at the default quality 92 (raised a step at a time where blocks shared with replaced pixels
    // would make it worse). Away from the mask (beyond the 8×8 and 16×16 blocks it touches, and chroma
    // upsampling's reach) every pixel is exactly the input encoded once at the quality used.
    for (const [name, subsampling] of [
      ["tagged.jpg", "4:2:0"],
      ["full-colour.jpeg", "4:4:4"],
    ] as const) {
      const { output, mask, psnr, quality, bytes } = entry(name);
      expect((await sharp(output!).metadata()).chromaSubsampling, name).toBe(subsampling);
      expect(psnr!.oneReencode, name).toBeGreaterThan(40);
      expect(psnr!.outsideMask, name).toBeGreaterThanOrEqual(psnr!.oneReencode);
      expect(quality, name).toBeGreaterThanOrEqual(92);
      const source = await rgba(join(input, name));
      const once = await sharp(source.data, {
        raw: { width: source.width, height: source.data.length / 4 / source.width, channels: 4 },
      })
        .removeAlpha()
        .jpeg({ quality, chromaSubsampling: subsampling })
        .toBuffer();
      const near = growMask(await readMask(mask!), 24);
      expect(near.data.includes(0) && near.data.includes(1), name).toBe(true);
      expect(differingOutside(await rgba(output!), await rgba(once), near), name).toBe(0);
      const inputBytes = (await stat(join(input, name))).size;
      console.log(
        `${name}: PSNR outside the mask ${psnr!.outsideMask} dB at quality ${quality} (one re-encode at 92: ${psnr!.oneReencode} dB), output/input size ${(bytes! / inputBytes).toFixed(2)}`,
      );
    }
    // PNG, lossless WebP and GIF (written as PNG): every pixel outside the mask is exactly the input's.
    for (const name of ["grey.png", "lossless.webp", "still.gif"]) {
      const { output, mask } = entry(name);
      expect(differingOutside(await rgba(join(input, name)), await rgba(output!), await readMask(mask!)), name).toBe(0);
    }
    expect((await sharp(entry("grey.png").output!).metadata()).channels).toBe(1); // grey stays grey
    // WebP keeps lossy or lossless: the image chunk is VP8 or VP8L.
    expect((await readFile(entry("lossy.webp").output!)).includes("VP8 ")).toBe(true);
    expect((await readFile(entry("lossless.webp").output!)).includes("VP8L")).toBe(true);
    const webp = entry("lossy.webp");
    expect(webp.psnr!.outsideMask).toBeGreaterThanOrEqual(webp.psnr!.oneReencode);
  });

  it("--format overrides, and --keep-icc keeps the colour profile with the pixels as stored", {
    timeout: 300_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-icc-"));
    const input = join(root, "in");
    const out = join(root, "out");
    const p3 = await sharp(await photo("street-walker.jpg", 320, "png"))
      .withIccProfile("p3")
      .jpeg({ quality: 95 })
      .toBuffer();
    const profile = (await sharp(p3).metadata()).icc!;
    await write(join(input, "p3.jpg"), p3);
    await write(join(input, "plain.webp"), await photo("astronaut.png", 160, "webp"));

    const { code, stderr } = await cli(["--format", "png", "--keep-icc", "--mask", "--out-dir", out, input]);

    expect(code, stderr).toBe(0);
    expect(await filesUnder(out)).toEqual(["p3.mask.png", "p3.png", "plain.mask.png", "plain.png"]);
    const kept = await sharp(join(out, "p3.png")).metadata();
    expect(kept.format).toBe("png");
    expect(Buffer.compare(kept.icc!, profile)).toBe(0);
    expect((await sharp(join(out, "plain.png")).metadata()).icc).toBeUndefined();
    // The pixels are the file's own values in its profile, unchanged outside the mask (PNG is lossless).
    const mask = await readMask(join(out, "p3.mask.png"));
    expect(differingOutside(await rgba(p3, true), await rgba(join(out, "p3.png"), true), mask)).toBe(0);
  });
});

describe("interrupted runs", () => {
  /** Eight small photos in two folders, and what the command must end with. */
  async function collection() {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-resume-"));
    const input = join(root, "in");
    const samples = ["street-group.jpg", "street-walker.jpg", "astronaut.png", "camera.png"];
    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      const png = i % 2 === 1;
      const name = `${i < 4 ? "one" : "two"}/photo-${i}.${png ? "png" : "jpg"}`;
      await write(join(input, name), await photo(samples[i % 4]!, 200 + 20 * i, png ? "png" : "jpeg"));
      names.push(name);
    }
    const expected = names.flatMap((n) => [n, n.replace(/\.\w+$/, ".mask.png")]).sort();
    return { root, input, out: join(root, "out"), report: join(root, "report.json"), expected };
  }

  /** Every file at a final name is a complete image, whatever the moment the run was stopped. */
  async function expectCompleteFiles(out: string): Promise<string[]> {
    const files = (await filesUnder(out)).filter((f) => !f.split("/").pop()!.startsWith("."));
    for (const file of files) await sharp(join(out, file)).raw().toBuffer(); // throws on a truncated file
    return files;
  }

  it("a run killed mid-way leaves no partial output, and the same command finishes exactly the rest", {
    timeout: 480_000,
  }, async () => {
    const { input, out, report, expected } = await collection();
    const args = ["--jobs", "2", "--mask", "--report", report, "--out-dir", out, input];
    const first = startCli(args);
    const journaled = await journalLines(`${report}.journal`, 2);
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");

    const before = await expectCompleteFiles(out);
    const journal = (await readFile(`${report}.journal`, "utf8")).split("\n").filter(Boolean);
    expect(journal.length).toBeGreaterThanOrEqual(journaled);
    const done = journal.map((line) => JSON.parse(line) as { output: string; mask: string });
    for (const { output, mask } of done)
      expect(before).toEqual(expect.arrayContaining([relative(out, output), relative(out, mask)]));
    const doneTimes = await Promise.all(done.map(async ({ output }) => (await stat(output)).mtimeMs));
    // What a kill in the middle of a write leaves (whether or not this kill did): a cut-off temporary file,
    // here beside one output the killed run finished and one it did not.
    const unfinished = expected.find((f) => !before.includes(f))!;
    for (const file of [relative(out, done[0]!.output), unfinished]) {
      const [folder, name] = [file.slice(0, file.lastIndexOf("/")), file.slice(file.lastIndexOf("/") + 1)];
      await write(
        join(out, folder, `.${name}.partial`),
        (await readFile(join(input, "one/photo-0.jpg"))).subarray(0, 500),
      );
    }

    const second = await cli(args);

    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`8 inputs, ${done.length} done by an earlier run with the same settings (skipped`);
    expect(await filesUnder(out)).toEqual(expected); // no partial file left, nothing missing, nothing extra
    const { entries, runs } = await readReport(report);
    expect(entries.map((e) => relative(input, e.input))).toEqual(expected.filter((f) => !f.includes(".mask.")));
    expect(entries.filter((e) => e.earlierRun)).toHaveLength(done.length);
    expect(new Set(entries.map((e) => e.report!.settings.seed)).size).toBe(1); // the resumed part reused the seed
    expect(runs.at(-1)).toMatchObject({ processed: 8 - done.length, skipped: done.length, failed: 0 });
    // What the killed run finished was not written again.
    expect(await Promise.all(done.map(async ({ output }) => (await stat(output)).mtimeMs))).toEqual(doneTimes);
    await expect(stat(`${report}.journal`)).rejects.toThrow(/ENOENT/);
  });

  it("Ctrl-C stops after the photos in flight and writes the report; the same command does the rest", {
    timeout: 480_000,
  }, async () => {
    const { input, out, report, expected } = await collection();
    const args = ["--jobs", "2", "--mask", "--report", report, "--out-dir", out, input];
    const first = startCli(args);
    await journalLines(`${report}.journal`, 1);
    first.child.kill("SIGINT");
    const stopped = await first.done;

    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/SIGINT: stopping after the photos in flight/);
    expect(stopped.stderr).toMatch(/stopped; \d not reached: run the same command to continue/);
    const { entries, runs } = await readReport(report);
    const finished = entries.length;
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(8);
    expect(runs[0]!.notReached).toBe(8 - finished);
    // A clean stop: nothing in flight was cut off, so there is no partial file at all.
    expect(await filesUnder(out)).toEqual(await expectCompleteFiles(out));
    expect(await filesUnder(out)).toHaveLength(2 * finished);
    await expect(stat(`${report}.journal`)).rejects.toThrow(/ENOENT/);

    const second = await cli(args);

    expect(second.code, second.stderr).toBe(0);
    expect(await filesUnder(out)).toEqual(expected);
    expect((await readReport(report)).runs.map((r) => [r.processed, r.skipped])).toEqual([
      [finished, 0],
      [8 - finished, finished],
    ]);
  });
});

describe("--shard", () => {
  it("shards 1/3, 2/3 and 3/3 process every input exactly once, and merge-reports joins their reports", {
    timeout: 480_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-shard-"));
    const input = join(root, "in");
    const out = join(root, "out");
    const names = ["a.jpg", "b/a.jpg", "b/c.png", "b/d/e.jpg", "f.png", "g-h/i.jpg", "g/j.jpg"];
    for (const [i, name] of names.entries())
      await write(
        join(input, name),
        await photo(i % 2 ? "camera.png" : "street-walker.jpg", 96, name.endsWith("png") ? "png" : "jpeg"),
      );
    // The slices are of the inputs sorted by path: shard k takes sorted positions k-1, k-1+3, …
    const sorted = names.map((n) => join(input, n)).sort();
    const reports: string[] = [];
    for (const k of [1, 2, 3]) {
      const { code, stderr } = await cli(["--jobs", "1", "--shard", `${k}/3`, "--out-dir", out, input]);
      expect(code, stderr).toBe(0);
      expect(stderr).toContain(`${k === 1 ? 3 : 2} of 7 inputs in shard ${k}/3`);
      const path = `${out}.report.shard-${k}-of-3.json`;
      const { entries } = await readReport(path);
      expect(entries.map((e) => e.input).sort()).toEqual(sorted.filter((_, rank) => rank % 3 === k - 1));
      reports.push(path);
    }
    expect(await filesUnder(out)).toEqual([...names].sort());

    const merged = join(root, "merged.json");
    const merge = await cli(["merge-reports", "--out", merged, ...reports]);
    expect(merge.code, merge.stderr).toBe(0);
    const { entries, runs } = await readReport(merged);
    expect(entries.map((e) => e.input)).toEqual(sorted);
    expect(runs.map((r) => r.shard)).toEqual(["1/3", "2/3", "3/3"]);
    const twice = await cli(["merge-reports", reports[0]!, reports[0]!]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/is in both .*shard-1-of-3\.json and .*shard-1-of-3\.json/);
  });
});

describe("--files-from", () => {
  it("takes paths from a file (mirrored by their path from the current folder) and from stdin", {
    timeout: 300_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-list-"));
    await write(join(root, "photos/2024/x.jpg"), await photo("street-walker.jpg", 128));
    await write(join(root, "photos/2025/x.png"), await photo("astronaut.png", 96, "png"));
    await write(join(root, "list.txt"), "photos/2024/x.jpg\nphotos/2025/x.png\n\n");

    const fromFile = await cli(["--out-dir", "out", "--files-from", "list.txt"], { cwd: root });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(await filesUnder(join(root, "out"))).toEqual(["photos/2024/x.jpg", "photos/2025/x.png"]);

    const outside = join(root, "elsewhere/y.jpg");
    await write(outside, await photo("camera.png", 96));
    const fromStdin = await cli(["--out-dir", join(root, "out2"), "--files-from", "-"], {
      cwd: join(root, "photos"),
      stdin: `${join(root, "photos/2025/x.png")}\0${outside}\0`,
    });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    // Inside the current folder: its path from there; outside it: its whole path.
    expect(await filesUnder(join(root, "out2"))).toEqual(["2025/x.png", outside.slice(1)].sort());
  });
});
