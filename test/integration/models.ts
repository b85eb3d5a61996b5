// Loads the real models once per test file, on the wasm backend, from data/models.
import { readFile } from "node:fs/promises";
import type { RgbaImage } from "../../components/core/types.js";
import { loadDetector } from "../../components/models/detector.js";
import { loadSegmenter } from "../../components/models/segmenter.js";
import { useNodeBackend } from "../../components/node/backend.js";
import { decodeImage } from "../../components/node/image-file.js";
import { diskModelSource } from "../../components/node/model-source.js";
import type { Models } from "../../components/pipeline/run.js";

export async function loadModels(): Promise<Models> {
  await useNodeBackend("wasm");
  const source = diskModelSource("data/models");
  return { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
}

export async function readSample(name: string): Promise<RgbaImage> {
  return (await decodeImage(await readFile(`data/samples/${name}`))).image;
}
