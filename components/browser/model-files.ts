// The browser's ModelSource: every model file the site ships, named by its path in data/models.json and
// mapped to the URL Observable Framework serves it from. FileAttachment only takes string literals and
// gives files content-hashed names, so each file is listed here by hand, and shards are found through
// this map rather than by their relative names in model.json. Add a line here when data/models.json
// gains a file (test/e2e checks that the two lists agree).
import { FileAttachment } from "observablehq:stdlib";
import type { ModelSource } from "../models/model-source.js";

export const MODEL_FILE_HREFS: Readonly<Record<string, string>> = Object.freeze({
  "coco-ssd/lite_mobilenet_v2/model.json": FileAttachment("../../data/models/coco-ssd/lite_mobilenet_v2/model.json")
    .href,
  "coco-ssd/lite_mobilenet_v2/group1-shard1of5": FileAttachment(
    "../../data/models/coco-ssd/lite_mobilenet_v2/group1-shard1of5",
  ).href,
  "coco-ssd/lite_mobilenet_v2/group1-shard2of5": FileAttachment(
    "../../data/models/coco-ssd/lite_mobilenet_v2/group1-shard2of5",
  ).href,
  "coco-ssd/lite_mobilenet_v2/group1-shard3of5": FileAttachment(
    "../../data/models/coco-ssd/lite_mobilenet_v2/group1-shard3of5",
  ).href,
  "coco-ssd/lite_mobilenet_v2/group1-shard4of5": FileAttachment(
    "../../data/models/coco-ssd/lite_mobilenet_v2/group1-shard4of5",
  ).href,
  "coco-ssd/lite_mobilenet_v2/group1-shard5of5": FileAttachment(
    "../../data/models/coco-ssd/lite_mobilenet_v2/group1-shard5of5",
  ).href,
  "bodypix/mobilenet/quant2/075/model-stride16.json": FileAttachment(
    "../../data/models/bodypix/mobilenet/quant2/075/model-stride16.json",
  ).href,
  "bodypix/mobilenet/quant2/075/group1-shard1of1.bin": FileAttachment(
    "../../data/models/bodypix/mobilenet/quant2/075/group1-shard1of1.bin",
  ).href,
  "human/centernet.json": FileAttachment("../../data/models/human/centernet.json").href,
  "human/centernet.bin": FileAttachment("../../data/models/human/centernet.bin").href,
  "human/movenet-lightning.json": FileAttachment("../../data/models/human/movenet-lightning.json").href,
  "human/movenet-lightning.bin": FileAttachment("../../data/models/human/movenet-lightning.bin").href,
  "human/blazeface.json": FileAttachment("../../data/models/human/blazeface.json").href,
  "human/blazeface.bin": FileAttachment("../../data/models/human/blazeface.bin").href,
});

/** URL of one shipped model file; throws a clear error for a path the site does not ship. */
export function modelFileUrl(path: string): string {
  const href = Object.hasOwn(MODEL_FILE_HREFS, path) ? MODEL_FILE_HREFS[path] : undefined;
  if (href === undefined) {
    throw new Error(
      `Model file "${path}" is not shipped with this site. Known files: ${Object.keys(MODEL_FILE_HREFS).join(", ")}. ` +
        `To ship another file, add it to data/models.json and to components/browser/model-files.ts.`,
    );
  }
  return href;
}

/** Loads models from the files this site ships (see components/models/model-source.ts). */
export const browserModelSource: ModelSource = { url: modelFileUrl };
