// The model side of the pipeline as a service: it loads tfjs and both models from URLs the page gives, keeps
// the current photo, and runs the pipeline's own stage functions on it (the same code as the CLI and Node).
// It runs in the model worker, or on the page's main thread when a worker cannot (pipeline-client.ts).

import { type BackendName, backendReport, selectBackend } from "../browser/backend.js";
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
  /** Keeps the models' copy of photo `photo` (see prepareImage), dropping the previous photo. */
  setPhoto: Method<{ photo: number; inference: RgbaImage; scale: number }, null>;
  detect: Method<{ photo: number }, DetectionStage & { runs: Runs }>;
  /** Progress: each region as it is segmented (its probabilities transferred); the result counts them. */
  segment: Method<
    {
      photo: number;
      detections: Detection[];
      settings: Pick<PipelineSettings, "mode" | "internalResolution">;
    },
    { mode: PipelineSettings["mode"]; ms: number; regions: number; runs: Runs },
    PersonRegion
  >;
};

/** A thrown error whose name tells the client to send the photo again (a new service, or a dropped photo). */
export function unknownPhoto(photo: number): Error {
  const error = new Error(`photo ${photo} is not here (send it again)`);
  error.name = "UnknownReference";
  return error;
}

export function modelService(): ModelService {
  let models: Models | undefined;
  let current: { id: number; input: ModelInput } | undefined;
  const runs = (): Runs => ({ detector: models?.detector.runs ?? 0, segmenter: models?.segmenter.runs ?? 0 });
  const loaded = (): Models => {
    if (!models) throw new Error("the models are not loaded yet");
    return models;
  };
  const photo = (id: number): ModelInput => {
    if (current?.id !== id) throw unknownPhoto(id);
    return current.input;
  };
  return {
    async init({ backend, modelUrls, wasmPaths }, { progress }) {
      await selectBackend(backend, () => wasmPaths);
      const source: ModelSource = {
        url(path) {
          const url = Object.hasOwn(modelUrls, path) ? modelUrls[path] : undefined;
          if (url === undefined) throw new Error(`model file "${path}" was not given to the worker`);
          return url;
        },
      };
      models?.detector.dispose();
      models?.segmenter.dispose();
      models = undefined;
      models = await loadBothModels(source, progress);
      const report = backendReport()!;
      return { backend: report.active, attempts: report.attempts };
    },
    setPhoto({ photo: id, inference, scale }) {
      current = { id, input: { inference, scale } };
      return null;
    },
    async detect({ photo: id }) {
      const detection = await detectObjects(loaded().detector, photo(id));
      return { ...detection, runs: runs() };
    },
    async segment({ photo: id, detections, settings }, { progress, signal }) {
      const stage = await segmentPeople(loaded().segmenter, photo(id), { detections, ms: 0 }, settings, {
        onRegion: (region) => progress(region),
        signal,
      });
      return { mode: stage.mode, ms: stage.ms, regions: stage.regions.length, runs: runs() };
    },
  };
}
