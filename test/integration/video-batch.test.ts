// Videos as inputs of the batch, with the real models: found in folders and mirrored beside photos, on worker
// threads, their frames in the progress line; the same command again skips them; shards split them; a run
// killed in the middle of a video leaves no video at its final name, and the next run writes it whole.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type BatchOptions, runBatch } from "../../components/cli/batch.js";
import type { BatchReport } from "../../components/cli/report.js";
import { videoOverridesFrom } from "../../components/cli/video-options.js";
import { partialPath } from "../../components/node/write-atomic.js";
import { ffprobe } from "../ffprobe.js";
import { cli, startCli } from "./cli-run.js";
import { filesUnder } from "./files-under.js";

const run = promisify(execFile);
const CLIP = "data/clips/street.mp4";
const OUTPUT = { format: "own", quality: 92, mask: true, keepIcc: false } as const;

/** `frames` frames of the sample clip from `start` seconds, re-encoded into `path` (its extension's container). */
async function cut(path: string, start: number, frames: number): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await run("ffmpeg", [
    ...["-v", "error", "-ss", String(start), "-i", CLIP, "-frames:v", String(frames)],
    ...["-c:v", "libx264", "-pix_fmt", "yuv420p", path],
  ]);
}

/** A batch run in this process, its lines written as to a terminal (every progress update is kept). */
async function batch(options: Partial<BatchOptions> & Pick<BatchOptions, "outDir" | "paths">) {
  const written: string[] = [];
  const code = await runBatch(
    {
      jobs: 2,
      force: false,
      quiet: false,
      backend: "wasm",
      modelsDir: "data/models",
      settings: { seed: 5 },
      video: videoOverridesFrom({ fast: true }),
      output: OUTPUT,
      ...options,
    },
    { isTTY: true, write: (text) => written.push(text) },
  );
  return { code, text: written.join("") };
}

describe("videos in a batch", () => {
  it("walks folders for videos beside photos, shows their frames, resumes past them, and shards them", {
    timeout: 600_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-video-batch-"));
    const input = join(root, "in");
    await cut(join(input, "one/walk.avi"), 0, 5);
    await cut(join(input, "two/walk.mov"), 1, 4);
    await copyFile("data/samples/street-walker.jpg", join(input, "two/x.jpg"));
    // A TypeScript file is not an MPEG transport stream: not an input when met in a folder.
    await writeFile(join(input, "two/notes.ts"), "export const notes = 1;\n");
    const out = join(root, "out");
    const report = join(root, "report.json");

    const first = await batch({ outDir: out, paths: [input], report });

    expect(first.code, first.text).toBe(0);
    expect(first.text).toContain("3 inputs; 3 to process on 2 workers");
    // One input each in the count; the frames of a video in flight on the same line.
    expect(first.text).toMatch(/\d\/3 inputs[^\r\n]*; walk\.avi: 5\/5 frames, \d+\.\d fps/);
    expect(first.text).toMatch(/\d\/3 inputs[^\r\n]*; walk\.mov: 4\/4 frames/);
    expect(first.text).toMatch(/one\/walk\.avi: 5 frames \(768×576, 10\/1 fps\), people hidden in 5/);
    expect(await filesUnder(out)).toEqual([
      "one/walk.mask.mp4",
      "one/walk.mp4",
      "two/walk.mask.mov",
      "two/walk.mov",
      "two/x.jpg",
      "two/x.mask.png",
    ]);
    for (const [file, frames] of [
      ["one/walk.mp4", 5],
      ["one/walk.mask.mp4", 5],
      ["two/walk.mov", 4],
    ] as const)
      expect(await ffprobe(join(out, file)), file).toEqual({ frames, rate: "10/1", width: 768, height: 576 });
    const { entries } = JSON.parse(await readFile(report, "utf8")) as BatchReport;
    expect(entries.map((e) => [relative(input, e.input), e.kind])).toEqual([
      ["one/walk.avi", "video"],
      ["two/walk.mov", "video"],
      ["two/x.jpg", "image"],
    ]);
    const clip = entries[0]!;
    expect(clip.video!.perFrame.map((f) => f.index)).toEqual([0, 1, 2, 3, 4]);
    expect(clip.video!.settings).toMatchObject({ seed: 5, mode: "boxes", internalResolution: "low", detectEvery: 2 });
    expect(clip.options).toEqual({ mask: true });
    expect(clip.bytes).toBe((await stat(join(out, "one/walk.mp4"))).size);
    expect(entries[2]!.report!.settings).toMatchObject({ seed: 5, mode: "union" }); // --fast is for videos only
    const written = await Promise.all(entries.map(async (e) => (await stat(e.output!)).mtimeMs));

    // The same command again: every input is done with the same settings, so nothing is processed.
    const again = await batch({ outDir: out, paths: [input], report });
    expect(again.code, again.text).toBe(0);
    expect(again.text).toContain("3 inputs, 3 done by an earlier run with the same settings (skipped");
    expect(await Promise.all(entries.map(async (e) => (await stat(e.output!)).mtimeMs))).toEqual(written);
    // A photo-only option does not redo the videos; a video setting does.
    const quality = await batch({ outDir: out, paths: [input], report, output: { ...OUTPUT, quality: 80 } });
    expect(quality.text).toContain("3 inputs, 2 done by an earlier run");

    // Shards split the videos like photos: by rank of the sorted paths, each exactly once.
    const sharded = join(root, "sharded");
    for (const index of [1, 2]) {
      const shard = await batch({ outDir: sharded, paths: [input], shard: { index, count: 2 }, jobs: 1 });
      expect(shard.code, shard.text).toBe(0);
      const { entries: mine } = JSON.parse(
        await readFile(`${sharded}.report.shard-${index}-of-2.json`, "utf8"),
      ) as BatchReport;
      expect(mine.map((e) => relative(input, e.input))).toEqual(
        index === 1 ? ["one/walk.avi", "two/x.jpg"] : ["two/walk.mov"],
      );
    }
    expect(await filesUnder(sharded)).toEqual(await filesUnder(out));
  });

  it("a run killed in the middle of a video leaves it only under its temporary name; the next run writes it whole", {
    timeout: 600_000,
  }, async () => {
    const root = await mkdtemp(join(tmpdir(), "fuzzy-video-kill-"));
    const out = join(root, "out");
    const args = ["--fast", "--jobs", "1", "--out-dir", out, CLIP];
    const output = join(out, "street.mp4");
    const first = startCli(args);
    // ffmpeg has written part of the video: the run is in the middle of it.
    for (let size = 0; size === 0; await new Promise((resolve) => setTimeout(resolve, 100))) {
      size = (await stat(partialPath(output)).catch(() => undefined))?.size ?? 0;
      if (first.child.exitCode !== null) throw new Error(`the run ended first: ${first.stderr()}`);
    }
    first.child.kill("SIGKILL");
    await first.done;
    expect(await readdir(out)).toEqual([".street.mp4.partial"]);

    const second = await cli(args);

    expect(second.code, second.stderr).toBe(0);
    expect(await readdir(out)).toEqual(["street.mp4"]);
    expect(await ffprobe(output)).toEqual(await ffprobe(CLIP));
  });
});
