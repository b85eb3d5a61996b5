// The batch's planning, without models: shards against a brute-force reference, output names and clashes,
// what counts as done, the report's journal and merge, and progress lines.
import { describe, expect, it } from "vitest";
import { INPUT_EXTENSIONS, inputKind, namedInputKind } from "../../components/cli/input-kind.js";
import { imageOutputFormat, planTasks } from "../../components/cli/plan-outputs.js";
import { formatDuration, formatProgress, inputNoun, ProgressReporter } from "../../components/cli/progress.js";
import {
  type BatchReport,
  isDone,
  mergeReports,
  type OutputSettings,
  parseRecord,
  type ReportEntry,
  recordedOutput,
  reportBytes,
} from "../../components/cli/report.js";
import { parseShard, selectShard } from "../../components/cli/shard.js";
import { listedRoot } from "../../components/cli/walk-inputs.js";
import { VIDEO_EXTENSIONS } from "../../components/node/video-file.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import { resolveVideoSettings } from "../../components/pipeline/video-settings.js";

const OWN: OutputSettings = { format: "own", quality: 92, mask: true, keepIcc: false };
const found = (path: string, mirror = path.split("/").pop()!) => ({
  path,
  mirror,
  kind: inputKind(path) ?? ("image" as const),
  size: 10,
  mtimeMs: 1,
});

describe("--shard", () => {
  it("parses I/N and refuses anything else by name", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1/3/4", "", "1.5/3"])
      expect(() => parseShard(bad), bad).toThrow(`--shard must be I/N with 1 ≤ I ≤ N, such as 2/8, got "${bad}"`);
  });

  it("N shards cover any list exactly once, each by sorted rank, differing in size by at most one", () => {
    const paths = Array.from({ length: 23 }, (_, i) => `dir-${(i * 7) % 5}/photo-${(i * 11) % 23}.jpg`);
    for (const count of [1, 2, 3, 5, 23, 30]) {
      const shards = Array.from({ length: count }, (_, i) => selectShard(paths, { index: i + 1, count }, (p) => p));
      expect(shards.flat().sort()).toEqual([...paths].sort());
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const sorted = [...paths].sort();
      shards.forEach((shard, i) => {
        // Reference: the ranks i, i + count, … of the sorted list, kept in the input's own order.
        const expected = new Set(sorted.filter((_, rank) => rank % count === i));
        expect(shard).toEqual(paths.filter((p) => expected.has(p)));
      });
    }
  });
});

describe("output names", () => {
  it("keeps JPEG, PNG and WebP, makes the rest PNG, and obeys --format", () => {
    expect(
      ["a.JPG", "a.jpeg", "a.png", "a.webp", "a.gif", "a.tiff", "a"].map((p) => imageOutputFormat(p, "own")),
    ).toEqual(["jpeg", "jpeg", "png", "webp", "png", "png", "png"]);
    expect(imageOutputFormat("a.jpg", "webp")).toBe("webp");
  });

  it("mirrors each input under the output folder, keeping its own extension when the format stays", () => {
    const [a, b, c] = planTasks(
      [found("in/x/a.JPG", "x/a.JPG"), found("in/y/a.jpg", "y/a.jpg"), found("in/y/b.gif", "y/b.gif")],
      "out",
      OWN,
    );
    expect(a).toMatchObject({ output: "out/x/a.JPG", mask: "out/x/a.mask.png", format: "jpeg" });
    expect(b).toMatchObject({ output: "out/y/a.jpg", mask: "out/y/a.mask.png", format: "jpeg" });
    expect(c).toMatchObject({ output: "out/y/b.png", mask: "out/y/b.mask.png", format: "png" });
  });

  it("refuses, by name, an output another input already writes, and one that would replace an input", () => {
    const plans = planTasks([found("in/a.jpg"), found("in/a.png"), found("in/a.mask.png")], "out", {
      ...OWN,
      format: "png",
    });
    expect(plans[1]).toEqual({ input: "in/a.png", error: "output name out/a.png is already used by in/a.jpg" });
    expect(plans[2]).toEqual({
      input: "in/a.mask.png",
      error: "output name out/a.mask.png is already used by in/a.jpg",
    });
    expect(planTasks([found("photos/a.jpg", "a.jpg")], "photos", OWN)[0]).toEqual({
      input: "photos/a.jpg",
      error: "its output photos/a.jpg would replace an input",
    });
  });

  it("names a video's output and mask video in its own container where kept, else MP4, whatever --format says", () => {
    const plans = planTasks(
      [
        found("in/x/a.avi", "x/a.avi"),
        found("in/y/b.MOV", "y/b.MOV"),
        found("in/y/c.webm", "y/c.webm"),
        found("in/y/d.mkv", "y/d.mkv"),
      ],
      "out",
      { ...OWN, format: "png" },
    );
    expect(plans).toEqual([
      { input: "in/x/a.avi", kind: "video", size: 10, mtimeMs: 1, output: "out/x/a.mp4", mask: "out/x/a.mask.mp4" },
      { input: "in/y/b.MOV", kind: "video", size: 10, mtimeMs: 1, output: "out/y/b.MOV", mask: "out/y/b.mask.mov" },
      {
        input: "in/y/c.webm",
        kind: "video",
        size: 10,
        mtimeMs: 1,
        output: "out/y/c.webm",
        mask: "out/y/c.mask.webm",
      },
      { input: "in/y/d.mkv", kind: "video", size: 10, mtimeMs: 1, output: "out/y/d.mkv", mask: "out/y/d.mask.mkv" },
    ]);
    // A clip and a photo, or two clips, that would write the same file: the later one is refused by name.
    const clash = planTasks([found("in/a.avi"), found("in/a.mp4"), found("in/a.mask.mp4")], "out", OWN);
    expect(clash[1]).toEqual({ input: "in/a.mp4", error: "output name out/a.mp4 is already used by in/a.avi" });
    expect(clash[2]).toEqual({
      input: "in/a.mask.mp4",
      error: "output name out/a.mask.mp4 is already used by in/a.avi",
    });
  });

  it("takes videos in folders by extension, and .ts and .mts (also TypeScript's) only when named", () => {
    for (const extension of VIDEO_EXTENSIONS) {
      const namedOnly = extension === ".ts" || extension === ".mts";
      expect(inputKind(`in/clip${extension.toUpperCase()}`), extension).toBe(namedOnly ? undefined : "video");
      expect(namedInputKind(`clip${extension}`), extension).toBe("video");
    }
    expect(INPUT_EXTENSIONS.video.has(".jpg") || INPUT_EXTENSIONS.image.has(".mp4")).toBe(false);
    expect([namedInputKind("photo.JPG"), namedInputKind("no-extension"), inputKind("notes.txt")]).toEqual([
      "image",
      "image",
      undefined,
    ]);
  });

  it("--files-from paths mirror from the current folder, or from the root when outside it", () => {
    expect(listedRoot("x/a.jpg", "/w/y")).toEqual({ path: "x/a.jpg", mirror: "x/a.jpg" });
    expect(listedRoot("/w/y/x/a.jpg", "/w/y")).toEqual({ path: "/w/y/x/a.jpg", mirror: "x/a.jpg" });
    expect(listedRoot("../z/a.jpg", "/w/y")).toEqual({ path: "../z/a.jpg", mirror: "w/z/a.jpg" });
  });
});

describe("the report", () => {
  const settings = { pipeline: { ...DEFAULT_SETTINGS, seed: 42 }, output: OWN };
  const done: ReportEntry = {
    input: "in/a.jpg",
    kind: "image",
    size: 10,
    mtimeMs: 1,
    output: "out/a.jpg",
    mask: "out/a.mask.png",
    options: OWN,
    report: { settings: settings.pipeline } as ReportEntry["report"],
  };
  const plan = { size: 10, mtimeMs: 1, output: "out/a.jpg", mask: "out/a.mask.png" };

  it("counts an input as done only for the same file, outputs and settings", () => {
    expect(isDone(done, plan, settings)).toBe(true);
    expect(isDone(undefined, plan, settings)).toBe(false);
    expect(isDone({ ...done, error: "broken" }, plan, settings)).toBe(false);
    expect(isDone(done, { ...plan, size: 11 }, settings)).toBe(false);
    expect(isDone(done, { ...plan, mtimeMs: 2 }, settings)).toBe(false);
    expect(isDone(done, { ...plan, mask: undefined }, settings)).toBe(false);
    expect(isDone(done, plan, { ...settings, pipeline: { ...settings.pipeline, radius: 9 } })).toBe(false);
    expect(isDone(done, plan, { ...settings, pipeline: { ...settings.pipeline, seed: 43 } })).toBe(false);
    expect(isDone(done, plan, { ...settings, output: { ...OWN, quality: 90 } })).toBe(false);
  });

  it("counts a video as done by its video settings and its mask, not the photos' output options", () => {
    const video = resolveVideoSettings({ ...DEFAULT_SETTINGS, seed: 42 });
    const record = { pipeline: video, output: recordedOutput("video", OWN) };
    const clip: ReportEntry = {
      input: "in/a.avi",
      kind: "video",
      size: 10,
      mtimeMs: 1,
      output: "out/a.mp4",
      mask: "out/a.mask.mp4",
      options: record.output,
      video: { settings: video } as ReportEntry["video"],
    };
    const planned = { size: 10, mtimeMs: 1, output: "out/a.mp4", mask: "out/a.mask.mp4" };
    expect(isDone(clip, planned, record)).toBe(true);
    // --quality, --format and --keep-icc are for photos: changing them does not redo a video.
    const photoOptions = { ...OWN, quality: 50, format: "webp" as const, keepIcc: true };
    expect(isDone(clip, planned, { ...record, output: recordedOutput("video", photoOptions) })).toBe(true);
    expect(isDone(clip, planned, { ...record, output: recordedOutput("video", { ...OWN, mask: false }) })).toBe(false);
    const sparser = resolveVideoSettings({ ...video, detectEvery: 3, segmentEvery: 3 });
    expect(isDone(clip, planned, { ...record, pipeline: sparser })).toBe(false);
    expect(isDone(clip, planned, { ...record, pipeline: { ...video, seed: 43 } })).toBe(false);
    // A video's record never counts as a photo's.
    expect(isDone({ ...clip, video: undefined }, planned, record)).toBe(false);
  });

  it("applies the journal over the report, ignores a line cut off by a kill, and survives its own layout", () => {
    const report: BatchReport = { entries: [done, { input: "in/b.jpg", error: "broken" }], runs: [] };
    const fixed = { input: "in/b.jpg", kind: "image" as const, output: "out/b.jpg" };
    const journal = `${JSON.stringify(fixed)}\n${JSON.stringify({ input: "in/c.jpg" }).slice(0, 9)}`;
    const record = parseRecord(reportBytes(report).toString(), journal);
    expect(record.entries).toEqual([done, fixed]);
    expect(parseRecord("not json", undefined)).toEqual({ entries: [], runs: [] });
    expect(parseRecord("[]", undefined)).toEqual({ entries: [], runs: [] }); // the report of older versions
  });

  it("merges shards' reports sorted by input, and refuses an input recorded twice", () => {
    const run = { shard: "1/2" } as BatchReport["runs"][number];
    const one = { entries: [{ input: "b" }, { input: "d" }], runs: [run] };
    const two = { entries: [{ input: "a" }, { input: "c" }], runs: [{ ...run, shard: "2/2" }] };
    const merged = mergeReports([
      { name: "1.json", report: one },
      { name: "2.json", report: two },
    ]);
    expect(merged.entries.map((e) => e.input)).toEqual(["a", "b", "c", "d"]);
    expect(merged.runs.map((r) => r.shard)).toEqual(["1/2", "2/2"]);
    expect(() =>
      mergeReports([
        { name: "1.json", report: one },
        { name: "again.json", report: one },
      ]),
    ).toThrow("b is in both 1.json and again.json");
  });
});

describe("progress", () => {
  it("says photos done, photos per minute and time left", () => {
    expect(formatProgress({ done: 0, total: 40, failed: 0, elapsedMs: undefined })).toBe(
      "0/40 photos, loading the models",
    );
    expect(formatProgress({ done: 10, total: 40, failed: 1, elapsedMs: 60_000 })).toBe(
      "10/40 photos, 10 per minute, 3 min 0 s left (1 failed)",
    );
    expect(formatProgress({ done: 3, total: 4, failed: 0, elapsedMs: 60_000 })).toBe(
      "3/4 photos, 3.0 per minute, 20 s left",
    );
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min");
  });

  it("counts a video as one input, and shows the frames of each video in flight", () => {
    expect([inputNoun(["image"]), inputNoun(["video", "video"]), inputNoun(["image", "video"]), inputNoun([])]).toEqual(
      ["photos", "videos", "inputs", "photos"],
    );
    expect(
      formatProgress({
        done: 1,
        total: 3,
        failed: 0,
        elapsedMs: 60_000,
        noun: "inputs",
        videos: [
          { input: "in/a/street.mp4", done: 40, total: 300, elapsedMs: 20_000 },
          { input: "in/b/live.ts", done: 10, elapsedMs: 5_000 },
        ],
      }),
    ).toBe(
      "1/3 inputs, 1.0 per minute, 2 min 0 s left; street.mp4: 40/300 frames, 2.0 fps, 2 min 10 s left; live.ts: 10 frames, 2.0 fps",
    );
    expect(
      formatProgress({
        done: 0,
        total: 1,
        failed: 0,
        elapsedMs: 1000,
        noun: "videos",
        videos: [{ input: "clip.avi", done: 0, total: 30, elapsedMs: 0 }],
      }),
    ).toBe("0/1 videos; clip.avi: 0/30 frames, 0.0 fps");
  });

  it("redraws one line on a terminal, and prints a line now and then elsewhere", () => {
    const written: string[] = [];
    const terminal = new ProgressReporter(
      { write: (t) => written.push(t), isTTY: true },
      { quiet: false, intervalMs: 1000 },
    );
    const state = { done: 1, total: 2, failed: 0, elapsedMs: 30_000 };
    terminal.update(state);
    terminal.line("[1/2] a.jpg: done");
    expect(written).toEqual(["\r\x1b[2K1/2 photos, 2.0 per minute, 30 s left", "\r\x1b[2K", "[1/2] a.jpg: done\n"]);

    const log: string[] = [];
    const file = new ProgressReporter({ write: (t) => log.push(t) }, { quiet: false, intervalMs: 1000 });
    for (const now of [0, 500, 1000, 1500, 2100]) file.update(state, now);
    expect(log).toEqual(["1/2 photos, 2.0 per minute, 30 s left\n", "1/2 photos, 2.0 per minute, 30 s left\n"]);
    const quiet = new ProgressReporter({ write: (t) => log.push(t), isTTY: true }, { quiet: true, intervalMs: 0 });
    quiet.update(state);
    expect(log).toHaveLength(2);
  });
});
