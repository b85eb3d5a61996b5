// What a module loads when imported, as esbuild bundles it (type-only imports are dropped, every other import
// is followed): the pure core loads no package at all, and the pipeline's settings and stages load no
// TensorFlow.js, so the CLI's option parsing, the pages' controls and these tests do not pay for the models.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every package `entry` loads, directly or through the project's own modules. */
async function packagesLoadedBy(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: "neutral",
    format: "esm",
    packages: "external",
    logLevel: "silent",
  });
  const external = Object.values(metafile.inputs).flatMap((input) =>
    input.imports.filter((i) => i.external).map((i) => i.path),
  );
  return [...new Set(external)].sort();
}

describe("what modules load", () => {
  it("the core loads no package", async () => {
    const dir = "components/core";
    const files = readdirSync(join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(await packagesLoadedBy(join(dir, file)), file).toEqual([]);
  });

  it("the pipeline's settings and stages load no TensorFlow.js", async () => {
    for (const file of ["components/pipeline/settings.ts", "components/pipeline/stages.ts"]) {
      expect(await packagesLoadedBy(file), file).toEqual([]);
    }
    // The check itself sees TensorFlow.js where it is loaded.
    expect(await packagesLoadedBy("components/models/detector.ts")).toContain("@tensorflow-models/coco-ssd");
  });
});
