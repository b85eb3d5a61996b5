// fuzzy-people on videos end to end: the sample clip in an AVI goes in, an MP4 with every frame hidden comes
// out (same frames, size and rate per ffprobe), with its mask video and a per-frame report; damaged and
// non-video files are refused by name and reason, and leave nothing behind.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { BatchReport } from "../../components/cli/report.js";
import { randomSource } from "../../components/core/random.js";
import type { PersonDetector } from "../../components/models/detector.js";
import { openVideoWriter, outputFormatFor, probeVideo, readVideoFrames } from "../../components/node/video-file.js";
import { clipPrivacy } from "../../components/node/video-privacy.js";
import { ffprobe } from "../ffprobe.js";
import { loadModels } from "./models.js";

const run = promisify(execFile);
const CLIP = "data/clips/street.mp4";
/**
 * "The original is visible inside a detected box" is defined as: for a person the detector finds on an original
 * frame (score ≥ FOUND_SCORE), either the detector finds them again on the hidden frame (box IoU ≥ MATCH_IOU,
 * score ≥ FOUND_SCORE), or fewer than this share of their box's pixels differ from the original by more than
 * REPLACED_TOLERANCE. A walker fills roughly half of their box; codec noise alone changes under 2% (the control).
 */
const MIN_REPLACED = 0.2;

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ["bin/fuzzy-people.js", ...args], { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stderr };
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
}

let detector: PersonDetector;
let dir: string;

beforeAll(async () => {
  ({ detector } = await loadModels());
  dir = await mkdtemp(join(tmpdir(), "fuzzy-video-"));
  // The sample clip's own H.264 stream, in an AVI container: an AVI in, an MP4 out.
  await run("ffmpeg", ["-v", "error", "-i", CLIP, "-c", "copy", join(dir, "clip.avi")]);
});

describe("fuzzy-people on a video", () => {
  it("hides every frame of the sample clip: same frames, size and rate; nobody visible inside a detected box", async () => {
    const out = join(dir, "out");
    const reportPath = join(out, "report.json");
    const { code, stderr } = await cli(["--out-dir", out, "--mask", "--report", reportPath, join(dir, "clip.avi")]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/clip\.avi: 30 frames \(768×576, 10\/1 fps\), people hidden in 30/);
    expect((await readdir(out)).sort()).toEqual(["clip.mask.mp4", "clip.mp4", "report.json"]);
    const input = await ffprobe(CLIP);
    expect(input).toEqual({ frames: 30, rate: "10/1", width: 768, height: 576 });
    expect(await ffprobe(join(out, "clip.mp4"))).toEqual(input);
    expect(await ffprobe(join(out, "clip.mask.mp4"))).toEqual(input);

    const [entry] = (JSON.parse(await readFile(reportPath, "utf8")) as BatchReport).entries;
    expect(entry).toMatchObject({ kind: "video", output: join(out, "clip.mp4"), mask: join(out, "clip.mask.mp4") });
    const { perFrame, settings } = entry!.video!;
    expect(perFrame.map((f) => f.index)).toEqual([...Array(30).keys()]);
    expect(perFrame.map((f) => f.segmented)).toEqual(perFrame.map((f) => f.index % settings.segmentEvery === 0));
    expect(perFrame.every((f) => f.maskPixels > 0 && f.found + f.carried > 0)).toBe(true);
    // A fresh secret seed; background fill (the default) keeps it on every frame (SEED_PER_FRAME).
    expect(Number.isSafeInteger(settings.seed) && settings.seed > 1_000_000).toBe(true);
    expect(settings.seedPerFrame).toBe(false);

    // The mask video holds each frame's mask (white where replaced), give or take the codec at its edges.
    const maskPath = join(out, "clip.mask.mp4");
    let index = 0;
    for await (const frame of readVideoFrames(maskPath, await probeVideo(maskPath))) {
      let white = 0;
      for (let i = 0; i < frame.data.length; i += 4) if (frame.data[i]! >= 128) white++;
      expect(Math.abs(white - perFrame[index]!.maskPixels)).toBeLessThan(0.05 * perFrame[index]!.maskPixels);
      index++;
    }
    const privacy = await clipPrivacy(detector, join(dir, "clip.avi"), join(out, "clip.mp4"));
    expect(privacy.frames).toBe(30);
    expect(privacy.framesWithPeople).toBe(30);
    for (const frame of privacy.perFrame) {
      for (const person of frame.people) {
        const where = `frame ${frame.index}, person at ${JSON.stringify(person.box)}`;
        expect(person.stillFound, where).toBe(false);
        expect(person.replaced, where).toBeGreaterThanOrEqual(MIN_REPLACED);
      }
    }
  }, 900_000); // 30 frames with the default models, then the detector on 60: minutes on a loaded 2-core machine

  it("control: the same check fails on every person of an unhidden re-encode of the clip", async () => {
    const copy = join(dir, "copy.mp4");
    const info = await probeVideo(CLIP);
    const writer = openVideoWriter(copy, { ...info, format: outputFormatFor(copy), pixels: "rgba" });
    for await (const frame of readVideoFrames(CLIP, info)) await writer.write(frame);
    await writer.close();
    const privacy = await clipPrivacy(detector, CLIP, copy);
    const people = privacy.perFrame.flatMap((f) => f.people);
    expect(people.length).toBeGreaterThan(30);
    // Nearly everyone is still found, and codec noise alone replaces almost nothing: the tolerance is above it.
    expect(people.filter((p) => p.stillFound).length).toBeGreaterThan(0.9 * people.length);
    expect(Math.max(...people.map((p) => p.replaced))).toBeLessThan(0.02);
  }, 600_000);

  it("refuses a truncated clip and a file that is not a video, by name and reason, and still hides the others", async () => {
    const out = join(dir, "bad-out");
    await writeFile(join(dir, "truncated.mp4"), (await readFile(CLIP)).subarray(0, 200_000)); // ends in frame 12
    const random = randomSource(1);
    await writeFile(
      join(dir, "noise.avi"),
      Uint8Array.from({ length: 5000 }, () => random() & 255),
    );
    await writeFile(join(dir, "empty.webm"), "");
    await copyFile("data/samples/camera.png", join(dir, "camera.png"));
    const inputs = ["truncated.mp4", "noise.avi", "empty.webm", "camera.png"].map((n) => join(dir, n));
    const { code, stderr } = await cli(["--out-dir", out, "--mask", "--fast", "--seed", "3", ...inputs]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /truncated\.mp4: the video could not be decoded completely \(ffmpeg: Invalid NAL unit size .+; \d+ frames read\)/,
    );
    expect(stderr).toMatch(/noise\.avi: not a readable video \(ffprobe: Invalid data found when processing input\)/);
    expect(stderr).toMatch(/empty\.webm: the file is empty/);
    expect(stderr).toMatch(/3 of 4 inputs could not be processed/);
    // Nothing is left of the refused videos, not even a partial file; the photo is hidden.
    expect((await readdir(out)).sort()).toEqual(["camera.mask.png", "camera.png"]);
  }, 600_000);

  it("keeps a Matroska clip's container, and drops its audio with a note", async () => {
    const clip = join(dir, "talk.mkv");
    await run("ffmpeg", [
      ...["-v", "error", "-i", CLIP, "-f", "lavfi", "-i", "sine=frequency=440", "-t", "0.5"],
      ...["-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-c:a", "libvorbis", clip],
    ]);
    const out = join(dir, "talk-out");
    const { code, stderr } = await cli(["--out-dir", out, "--fast", clip]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/talk\.mkv: 5 frames .*\(audio dropped \(1 stream\): voices are not hidden\)/);
    expect(await readdir(out)).toEqual(["talk.mkv"]);
    const { stdout } = await run("ffprobe", [
      "-v",
      "error",
      "-show_entries",
      "stream=codec_type,codec_name",
      "-of",
      "csv=p=0",
      join(out, "talk.mkv"),
    ]);
    expect(stdout.trim()).toBe("h264,video");
  }, 600_000);

  it("refuses bad video flags before loading anything", async () => {
    const bad = await cli(["--out-dir", dir, "--detect-every", "0", CLIP]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/detectEvery must be an integer between 1 and 30, got 0/);
    const uneven = await cli(["--out-dir", dir, "--detect-every", "2", "--segment-every", "3", CLIP]);
    expect(uneven.code).toBe(2);
    expect(uneven.stderr).toMatch(/segmentEvery must be a multiple of detectEvery \(2\), got 3/);
  });
});
