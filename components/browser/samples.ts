// The sample photos the site ships, with what each is good for showing.
import { FileAttachment } from "observablehq:stdlib";
import type { SampleStagesFile } from "../pipeline/stage-data.js";
import {
  decodePhoto,
  decodePhotoSource,
  loadSamplePhoto,
  loadSampleSource,
  type Photo,
  type PhotoSource,
} from "./photo.js";

// `stages`: the sample's stages computed when the site was built (data/sample-stages.tar.ts).
export const SAMPLES = {
  "street-group.jpg": {
    label: "Street, eight small people",
    href: FileAttachment("../../data/samples/street-group.jpg").href,
    stages: FileAttachment("../../data/sample-stages/street-group.jpg.json"),
  },
  "street-walker.jpg": {
    label: "Street, one near and several far",
    href: FileAttachment("../../data/samples/street-walker.jpg").href,
    stages: FileAttachment("../../data/sample-stages/street-walker.jpg.json"),
  },
  "astronaut.png": {
    label: "Astronaut portrait",
    href: FileAttachment("../../data/samples/astronaut.png").href,
    stages: FileAttachment("../../data/sample-stages/astronaut.png.json"),
  },
  "camera.png": {
    label: "Photographer (greyscale)",
    href: FileAttachment("../../data/samples/camera.png").href,
    stages: FileAttachment("../../data/sample-stages/camera.png.json"),
  },
} as const;
export type SampleName = keyof typeof SAMPLES;
export const SAMPLE_NAMES = Object.keys(SAMPLES) as SampleName[];

/** Fetches and decodes one of the samples. */
export function loadSample(name: SampleName): Promise<Photo> {
  return loadSamplePhoto(SAMPLES[name].href, name);
}

/** The visitor's own photo when they gave one, else the sample: decoded, or an Error saying plainly why not. */
export function loadPhoto(upload: Blob | null, sample: SampleName): Promise<Photo> {
  return upload ? decodePhoto(upload) : loadSample(sample);
}

/** A photo the page's pipeline reads in its pixel worker: which sample it is, if it is one. */
export interface PageSource extends PhotoSource {
  readonly sample?: SampleName;
}

/** Like loadPhoto, leaving the pixels unread (the pixel worker reads them). */
export async function loadPhotoSource(upload: Blob | null, sample: SampleName): Promise<PageSource> {
  if (upload) return decodePhotoSource(upload);
  return { ...(await loadSampleSource(SAMPLES[sample].href, sample)), sample };
}

const stagesFiles = new Map<SampleName, Promise<SampleStagesFile>>();

/** A sample's build-time stages file, fetched once (a page may ask early, to have it when the photo is read). */
export function loadSampleStages(name: SampleName): Promise<SampleStagesFile> {
  let file = stagesFiles.get(name);
  if (!file) {
    file = SAMPLES[name].stages.json() as Promise<SampleStagesFile>;
    // A failed fetch is not kept: the next call tries again.
    file.catch(() => stagesFiles.delete(name));
    stagesFiles.set(name, file);
  }
  return file;
}
