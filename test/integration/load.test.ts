// Many photos in a row with the real models: 200 through the CLI's decode → pipeline → encode with no
// tensor left behind and the heap flat, and the fuzzy-people command on a folder of 30 files, 2 of them bad.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeImage, encodePng } from "../../components/node/image-file.js";
import { type Models, runPipeline } from "../../components/pipeline/run.js";
import { cli } from "./cli-run.js";
import { loadModels } from "./models.js";

const SAMPLES = ["astronaut.png", "camera.png", "street-group.jpg", "street-walker.jpg"];

// A forced collection makes heap sizes comparable; this exposes gc() without a flag on the worker.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** The samples scaled to `width` pixels wide, as files. */
function smallSamples(width: number): Promise<Buffer[]> {
  return Promise.all(SAMPLES.map((name) => sharp(`data/samples/${name}`).resize({ width }).jpeg().toBuffer()));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("200 photos in a row", () => {
  let models: Models;
  beforeAll(async () => {
    models = await loadModels();
  });

  it("all complete, with the tensor count back to its baseline after each and the heap flat", {
    timeout: 300_000,
  }, async () => {
    const files = await smallSamples(320);
    // One warm-up per input size, so lazily created state is not counted as a leak.
    for (const file of files) await runPipeline((await decodeImage(file)).image, models);
    gc();
    const baseline = tf.memory().numTensors;
    const heap: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) {
      const { image } = await decodeImage(files[i % files.length]!);
      const { output, report } = await runPipeline(image, models, { seed: i });
      expect((await encodePng(output)).length).toBeGreaterThan(0);
      expect([report.width, report.height]).toEqual([image.width, image.height]);
      const tensors = tf.memory().numTensors;
      if (tensors !== baseline) throw new Error(`photo ${i + 1}: ${tensors} tensors, baseline ${baseline}`);
      if (i < 20 || i >= 180) {
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    const [first, last] = [median(heap.slice(0, 20)), median(heap.slice(20))];
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    console.log(
      `load: 200 photos in ${((Date.now() - started) / 1000).toFixed(1)} s; heap after gc ${mb(first)} → ${mb(last)}; ${baseline} tensors`,
    );
    expect(last - first, `heap grew from ${mb(first)} to ${mb(last)}`).toBeLessThan(8 * 2 ** 20);
  });
});

describe("fuzzy-people on a folder of 30 files", () => {
  it("writes every good one, names the 2 bad ones with reasons, exits 1 and leaves no partial file", {
    timeout: 240_000,
  }, async () => {
    const input = await mkdtemp(join(tmpdir(), "fuzzy-load-in-"));
    const out = await mkdtemp(join(tmpdir(), "fuzzy-load-out-"));
    const widths = [240, 280, 320];
    const good: Array<{ name: string; width: number; height: number }> = [];
    for (let i = 0; i < 28; i++) {
      const bytes = (await smallSamples(widths[i % widths.length]!))[i % SAMPLES.length]!;
      const { width, height } = await sharp(bytes).metadata();
      const name = `photo-${String(i).padStart(2, "0")}`;
      await writeFile(join(input, `${name}.jpg`), bytes);
      good.push({ name, width: width!, height: height! });
    }
    await writeFile(join(input, "notes.jpg"), "a shopping list, not a photo\n");
    const png = await sharp("data/samples/camera.png").png().toBuffer();
    await writeFile(join(input, "cut.png"), png.subarray(0, png.length >> 1));

    const result = await cli(["--quiet", "--out-dir", out, input]);

    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /\[1\/30\] \S*cut\.png: (the image could not be decoded|not a readable image) \(.+\)/,
    );
    expect(result.stderr).toMatch(/\[2\/30\] \S*notes\.jpg: not a readable image \(.+\)/);
    expect(result.stderr).toMatch(/2 of 30 inputs could not be processed/);
    const written = (await readdir(out)).sort();
    expect(written).toEqual(good.map((g) => `${g.name}.jpg`));
    for (const { name, width, height } of good) {
      const metadata = await sharp(join(out, `${name}.jpg`)).metadata();
      expect([metadata.format, metadata.width, metadata.height], name).toEqual(["jpeg", width, height]);
    }
  });
});
