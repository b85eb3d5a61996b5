// The model side of the pipeline as a service: it loads tfjs and both models from URLs the page gives, keeps
// the current photo, and runs the pipeline's own stage functions on it (the same code as the CLI and Node).
// It runs in the model worker, or on the page's main thread when a worker cannot (pipeline-client.ts). Its
// state (the backend, the models' files, the photo) is a ModelContext that other model-side services share
// (model-side.ts puts them together).

import { type BackendName, backendReport, selectBackend } from "../browser/backend.js";
import { readPixels } from "../browser/read-pixels.js";
import type { WasmPaths } from "../browser/wasm-paths.js";
import type { Detection, RgbaImage } from "../core/types.js";
import { loadBothModels } from "../models/load-models.js";
import type { ModelSource } from "../models/model-source.js";
import type { Models } from "../pipeline/run.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import {
  type DetectionStage,
  detectObjects,
  type ModelInput,
  type PersonRegion,
  prepareImage,
  segmentPeople,
} from "../pipeline/stages.js";
import type { Method } from "./protocol.js";

export interface ModelInit {
  readonly backend: BackendName;
  /** Served URL of each model file, by its path in data/models.json. */
  readonly modelUrls: Readonly<Record<string, string>>;
  /** Served URLs of the wasm backend's binaries. */
  readonly wasmPaths: WasmPaths;
}

export interface ModelsReady {
  /** The tfjs backend in use, and why any other was skipped. */
  readonly backend: string;
  readonly attempts: ReadonlyArray<{ name: string; ok: boolean; reason?: string }>;
}

/** Model runs since the models were loaded, counted where they run. */
export interface Runs {
  readonly detector: number;
  readonly segmenter: number;
}

export type ModelService = {
  /** Selects the backend and loads both models; progress is the loaded fraction. */
  init: Method<ModelInit, ModelsReady, number>;
  /**
   * Keeps the models' copy of photo `photo` (see prepareImage), dropping the previous photo; given a decoded
   * bitmap, reads and prepares it here (the same stage as the pixel worker's, so the same copy).
   */
  setPhoto: Method<{ photo: number } & ({ inference: RgbaImage; scale: number } | { bitmap: ImageBitmap }), null>;
  detect: Method<{ photo: number }, DetectionStage & { runs: Runs }>;
  /** Detection on any image (e.g. a result, for the privacy check): boxes in that image's pixels. */
  detectImage: Method<{ image: RgbaImage }, { detections: Detection[]; ms: number; runs: Runs }>;
  /**
   * Progress: each region as it is segmented (its probabilities transferred), its detection given as an index
   * into `detections` (a copy sent back would not be the caller's object, which selectRegions matches by
   * identity); the result counts them.
   */
  segment: Method<
    {
      photo: number;
      detections: Detection[];
      settings: Pick<PipelineSettings, "mode" | "internalResolution">;
    },
    { mode: PipelineSettings["mode"]; ms: number; regions: number; runs: Runs },
    SentRegion
  >;
};

/** A region as sent to the caller: its detection by index. */
export type SentRegion = Omit<PersonRegion, "detection"> & { readonly detection?: number };

/** A thrown error whose name tells the client to send the photo again (a new service, or a dropped photo). */
export function unknownPhoto(photo: number): Error {
  const error = new Error(`photo ${photo} is not here (send it again)`);
  error.name = "UnknownReference";
  return error;
}

/** What the model-side services share: the models' files and backend, the loaded models, the current photo. */
export interface ModelContext {
  /** Where the model files are, once init has run (a service loading its own models reads them here). */
  source?: ModelSource;
  models?: Models;
  current?: { readonly id: number; readonly input: ModelInput };
}

/** The models' input for photo `id`, or an UnknownReference error (the client sends the photo again). */
export function photoInput(context: ModelContext, id: number): ModelInput {
  if (context.current?.id !== id) throw unknownPhoto(id);
  return context.current.input;
}

export function modelService(context: ModelContext = {}): ModelService {
  const runs = (): Runs => ({
    detector: context.models?.detector.runs ?? 0,
    segmenter: context.models?.segmenter.runs ?? 0,
  });
  const loaded = (): Models => {
    if (!context.models) throw new Error("the models are not loaded yet");
    return context.models;
  };
  return {
    async init({ backend, modelUrls, wasmPaths }, { progress }) {
      await selectBackend(backend, () => wasmPaths);
      context.source = {
        url(path) {
          const url = Object.hasOwn(modelUrls, path) ? modelUrls[path] : undefined;
          if (url === undefined) throw new Error(`model file "${path}" was not given to the worker`);
          return url;
        },
      };
      context.models?.detector.dispose();
      context.models?.segmenter.dispose();
      context.models = undefined;
      context.models = await loadBothModels(context.source, progress);
      const report = backendReport()!;
      return { backend: report.active, attempts: report.attempts };
    },
    setPhoto(payload) {
      let input: ModelInput = payload as { inference: RgbaImage; scale: number };
      if ("bitmap" in payload) {
        const { bitmap } = payload;
        const { inference, scale } = prepareImage(readPixels(bitmap, bitmap.width, bitmap.height));
        bitmap.close();
        input = { inference, scale };
      }
      context.current = { id: payload.photo, input };
      return null;
    },
    async detect({ photo: id }) {
      const detection = await detectObjects(loaded().detector, photoInput(context, id));
      return { ...detection, runs: runs() };
    },
    async detectImage({ image }) {
      const start = performance.now();
      const detections = await loaded().detector.detect(image);
      return { detections, ms: performance.now() - start, runs: runs() };
    },
    async segment({ photo: id, detections, settings }, { progress, signal }) {
      const stage = await segmentPeople(loaded().segmenter, photoInput(context, id), { detections, ms: 0 }, settings, {
        onRegion: ({ detection, ...region }) =>
          progress({ ...region, ...(detection ? { detection: detections.indexOf(detection) } : {}) }),
        signal,
      });
      return { mode: stage.mode, ms: stage.ms, regions: stage.regions.length, runs: runs() };
    },
  };
}
