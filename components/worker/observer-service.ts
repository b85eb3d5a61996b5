// The independent observers (CenterNet, MoveNet, BlazeFace: models/observers.ts) as a service served beside the
// model service in the model worker, sharing its tfjs. They load only when a privacy check asks for them, from
// URLs the page gives, and answer with what they see of each person (pipeline/observer-check.ts), counting
// their model runs where they run. Also served on the page's main thread when the worker cannot run.
import { type BackendName, backendReport, selectBackend } from "../browser/backend.js";
import type { WasmPaths } from "../browser/wasm-paths.js";
import type { Box, RgbaImage } from "../core/types.js";
import type { ModelSource } from "../models/model-source.js";
import { loadObservers, type Observers } from "../models/observers.js";
import { type Observation, observe } from "../pipeline/observer-check.js";
import type { Method } from "./protocol.js";

export interface ObserverInit {
  /** The backend to start if none runs here yet; when the models already chose one, the observers use it. */
  readonly backend: BackendName;
  /** Served URL of each model file, by its path in data/models.json. */
  readonly modelUrls: Readonly<Record<string, string>>;
  readonly wasmPaths: WasmPaths;
}

/** Observer model runs since they were loaded here: one of the second detector per image, one pose and one face run per person. */
export interface ObserverRuns {
  readonly objects: number;
  readonly pose: number;
  readonly faces: number;
}

/** Run counts as a service reports them: `service` tells a new service (after a fallback) from the old one. */
export interface CountedRuns {
  readonly service: number;
  readonly runs: ObserverRuns;
}

export type ObserverService = {
  /** Loads the three observers once (later calls wait for the same load); progress is the loaded fraction. */
  loadObservers: Method<ObserverInit, CountedRuns & { backend: string }, number>;
  /** Every observer on `image` for these person boxes (the image's pixel coordinates). */
  observe: Method<{ image: RgbaImage; boxes: Box[] }, CountedRuns & { observation: Observation }>;
};

/** A ModelSource over the URLs a page sent, naming any file it did not send. */
export function urlModelSource(modelUrls: Readonly<Record<string, string>>): ModelSource {
  return {
    url(path) {
      const url = Object.hasOwn(modelUrls, path) ? modelUrls[path] : undefined;
      if (url === undefined) throw new Error(`model file "${path}" was not given to the worker`);
      return url;
    },
  };
}

export function observerService(): ObserverService {
  // Random, not counted: the worker's service and the main thread's stand-in are counted in different realms.
  const service = Math.random();
  let loading: Promise<Observers> | undefined;
  let observers: Observers | undefined;
  const runs = (): ObserverRuns => ({
    objects: observers?.objects.runs ?? 0,
    pose: observers?.pose.runs ?? 0,
    faces: observers?.faces.runs ?? 0,
  });
  return {
    async loadObservers({ backend, modelUrls, wasmPaths }, { progress }) {
      // One tfjs per worker: switching its backend would move the models' weights, so keep the one chosen.
      if (!backendReport()) await selectBackend(backend, () => wasmPaths);
      loading ??= loadObservers(urlModelSource(modelUrls), progress).catch((error: Error) => {
        loading = undefined;
        throw error;
      });
      observers = await loading;
      return { backend: backendReport()?.active ?? "none", service, runs: runs() };
    },
    async observe({ image, boxes }) {
      if (!observers) throw new Error("the observers are not loaded: call loadObservers first");
      return { observation: await observe(observers, image, boxes), service, runs: runs() };
    },
  };
}
