// Loading the real models from disk: progress is reported per file, and a missing or corrupt file is an
// error that names the model and the file.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDetector } from "../../components/models/detector.js";
import { loadSegmenter } from "../../components/models/segmenter.js";
import { useNodeBackend } from "../../components/node/backend.js";
import { diskModelSource } from "../../components/node/model-source.js";

beforeAll(() => useNodeBackend("wasm"));

async function brokenCopy(change: (folder: string) => Promise<void>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "models-"));
  await cp("data/models", folder, { recursive: true });
  await change(folder);
  return folder;
}

describe("loading models", () => {
  it("reports progress file by file up to 1", async () => {
    const progress: number[] = [];
    const detector = await loadDetector(diskModelSource("data/models"), (f) => progress.push(f));
    detector.dispose();
    // model.json and its five shards.
    expect(progress.map((f) => Math.round(f * 6))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("names the model and the file when a shard is missing", async () => {
    const folder = await brokenCopy((f) => rm(join(f, "coco-ssd/lite_mobilenet_v2/group1-shard2of5")));
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      await expect(loadDetector(diskModelSource(folder))).rejects.toThrow(
        /^The person detector \(COCO-SSD\) failed to load: model file coco-ssd\/lite_mobilenet_v2\/group1-shard2of5 could not be fetched/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });

  it("refuses a corrupt model.json with the model's name", async () => {
    const folder = await brokenCopy((f) =>
      writeFile(join(f, "bodypix/mobilenet/quant2/075/model-stride16.json"), "{ not json"),
    );
    await expect(loadSegmenter(diskModelSource(folder))).rejects.toThrow(
      /^The person segmenter \(BodyPix\) failed to load: /,
    );
  });
});
