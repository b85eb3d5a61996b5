// Data loader: the detection and segmentation stages of every shipped sample (default mode and detail),
// computed at build time in Node with the pipeline's own stage code, so the home page can show a sample's
// boxes, masks and result before any model has loaded. One JSON file per sample in a tar archive
// (data/sample-stages/NAME.json, extracted by Framework at build time), so a page fetches only the sample it
// shows. Probabilities are stored one byte per pixel (components/core/quantize.ts;
// test/integration/stage-data.test.ts checks masks are unchanged).
import { readdirSync, readFileSync } from "node:fs";
import { loadBothModels } from "../components/models/load-models.js";
import { useNodeBackend } from "../components/node/backend.js";
import { decodeImage } from "../components/node/image-file.js";
import { diskModelSource } from "../components/node/model-source.js";
import { tarArchive } from "../components/node/tar-archive.js";
import { DEFAULT_SETTINGS } from "../components/pipeline/settings.js";
import { type SampleStagesFile, storeStages } from "../components/pipeline/stage-data.js";
import { detectObjects, prepareImage, segmentPeople } from "../components/pipeline/stages.js";

const backend = await useNodeBackend("wasm");
const models = await loadBothModels(diskModelSource("data/models"));
const { mode, internalResolution } = DEFAULT_SETTINGS;
const files = [];
for (const name of readdirSync("data/samples").sort()) {
  const { image } = await decodeImage(readFileSync(`data/samples/${name}`));
  const prepared = prepareImage(image);
  const detection = await detectObjects(models.detector, prepared);
  const segmentation = await segmentPeople(models.segmenter, prepared, detection, DEFAULT_SETTINGS);
  const file: SampleStagesFile = {
    backend,
    mode,
    internalResolution,
    stages: storeStages(image, detection, segmentation),
  };
  files.push({ name: `${name}.json`, data: Buffer.from(JSON.stringify(file)) });
}
process.stdout.write(tarArchive(files));
