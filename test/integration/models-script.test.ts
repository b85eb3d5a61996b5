// npm run models refuses a corrupt or missing file and names it.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function models(source: string, target: string) {
  try {
    await run(process.execPath, ["--import", "tsx", "scripts/models.ts", "--target", target], {
      env: { ...process.env, MODELS_DIR: source },
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    return error as { code: number; stderr: string };
  }
}

describe("the models script", () => {
  it("names a corrupt file and a missing file, and installs neither", async () => {
    const source = await mkdtemp(join(tmpdir(), "models-src-"));
    await cp("data/models", source, { recursive: true });
    await writeFile(join(source, "coco-ssd/lite_mobilenet_v2/group1-shard3of5"), "corrupt");
    await rm(join(source, "bodypix/mobilenet/quant2/075/model-stride16.json"));
    const target = await mkdtemp(join(tmpdir(), "models-dst-"));

    const { code, stderr } = await models(source, target);

    expect(code).toBe(1);
    expect(stderr).toMatch(/coco-ssd\/lite_mobilenet_v2\/group1-shard3of5: checksum mismatch \(got 7 bytes/);
    expect(stderr).toMatch(/bodypix\/mobilenet\/quant2\/075\/model-stride16\.json: not found in MODELS_DIR/);
    const manifest = JSON.parse(await readFile("data/models.json", "utf8")) as { files: unknown[] };
    expect(stderr).toMatch(new RegExp(`2 of ${manifest.files.length} files`));
    const again = await models("data/models", target);
    expect(again.code).toBe(0);
  });
});
