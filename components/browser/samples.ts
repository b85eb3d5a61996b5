// The sample photos the site ships, with what each is good for showing.
import { FileAttachment } from "observablehq:stdlib";
import {
  decodePhoto,
  decodePhotoSource,
  loadSamplePhoto,
  loadSampleSource,
  type Photo,
  type PhotoSource,
} from "./photo.js";

export const SAMPLES = {
  "street-group.jpg": {
    label: "Street, eight small people",
    href: FileAttachment("../../data/samples/street-group.jpg").href,
  },
  "street-walker.jpg": {
    label: "Street, one near and several far",
    href: FileAttachment("../../data/samples/street-walker.jpg").href,
  },
  "astronaut.png": { label: "Astronaut portrait", href: FileAttachment("../../data/samples/astronaut.png").href },
  "camera.png": { label: "Photographer (greyscale)", href: FileAttachment("../../data/samples/camera.png").href },
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
