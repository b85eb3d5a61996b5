// What every "how it works" page does before its own stage: show a status line, load both models and a
// sample photo. The status line is also what the end-to-end tests wait for (data-state="done").
import { FileAttachment } from "observablehq:stdlib";
import type { InternalResolution } from "../models/model-limits.js";
import type { PersonSegmenter } from "../models/segmenter.js";
import { SEGMENTATION_MODES, type SegmentationMode } from "../pipeline/settings.js";
import { type DetectionStage, type PreparedImage, type SegmentationStage, segmentPeople } from "../pipeline/stages.js";
import { type LoadedModels, loadModels } from "./models.js";
import { loadSamplePhoto, type Photo } from "./photo.js";

/** The sample photos the site ships, with what each is good for showing. */
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

export type StatusState = "loading" | "done" | "error";

/** The page's status line: `<p id="page-status" data-state=…>`. */
export function StatusLine(): HTMLElement {
  const line = document.createElement("p");
  line.id = "page-status";
  line.className = "page-status";
  line.setAttribute("role", "status");
  setStatus(line, "loading", "Loading the models…");
  return line;
}

/** Sets the line's state and text, and any extra data attributes (numbers the tests read). */
export function setStatus(
  line: HTMLElement,
  state: StatusState,
  text: string,
  data: Record<string, string | number> = {},
): void {
  line.dataset.state = state;
  line.textContent = text;
  for (const [key, value] of Object.entries(data)) line.dataset[key] = String(value);
}

// On failure the status says why in place, and the promise never settles: the cells that need the models
// then stay blank instead of each showing the same error.
function orStop<T>(line: HTMLElement, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    setStatus(line, "error", (error as Error).message || String(error));
    return new Promise<T>(() => {});
  });
}

/** Loads both models (wasm backend, with fallbacks), reporting progress on the status line. */
export function loadPageModels(line: HTMLElement): Promise<LoadedModels> {
  const loading = loadModels("wasm", (fraction) =>
    setStatus(line, "loading", `Loading the models… ${Math.round(100 * fraction)}%`),
  );
  return orStop(
    line,
    loading.then((models) => {
      setStatus(line, "loading", `Models ready (TensorFlow.js ${models.backend} backend); running them on the photo…`, {
        backend: models.backend,
      });
      return models;
    }),
  );
}

/** Fetches and decodes one of the shipped samples. */
export function loadSample(line: HTMLElement, name: SampleName): Promise<Photo> {
  return orStop(line, loadSamplePhoto(SAMPLES[name].href, name));
}

/**
 * Runs segmentation once in each mode, one after the other so each time is measured alone. Pages that show
 * or compare all modes call this once per photo; picking a mode afterwards runs no model. An untimed
 * multi-person run comes first: TensorFlow.js sets up each new input size on its first run, and that
 * one-off cost would otherwise be charged to whichever mode happened to see the whole photo first.
 */
export async function segmentEveryMode(
  segmenter: PersonSegmenter,
  prepared: PreparedImage,
  detection: DetectionStage,
  { internalResolution }: { internalResolution: InternalResolution },
): Promise<Record<SegmentationMode, SegmentationStage>> {
  await segmentPeople(segmenter, prepared, detection, { mode: "multi", internalResolution });
  const stages: Partial<Record<SegmentationMode, SegmentationStage>> = {};
  for (const mode of SEGMENTATION_MODES)
    stages[mode] = await segmentPeople(segmenter, prepared, detection, { mode, internalResolution });
  return stages as Record<SegmentationMode, SegmentationStage>;
}
