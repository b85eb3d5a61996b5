// The page's side of the observers: they run in the model worker (worker/observer-service.ts), beside the
// models, through the pipeline client, so they follow the models to the main thread if the worker fails. They
// load on the first request, never before: a page loads them only when a privacy check is asked for.
import type { Box, RgbaImage } from "../core/types.js";
import type { Observation, ObserverRunner } from "../pipeline/observer-check.js";
import type { CountedRuns, ObserverRuns, ObserverService } from "../worker/observer-service.js";
import type { Connection } from "../worker/protocol.js";
import type { BackendName } from "./backend.js";
import { MODEL_FILE_HREFS } from "./model-files.js";
import type { PipelineClient, Placement } from "./pipeline-client.js";
import { siteWasmPaths } from "./wasm-paths.js";

export interface ObserveOptions {
  readonly signal?: AbortSignal;
  /** A newer request in the same lane supersedes this one (default: none does). */
  readonly lane?: string | false;
}

const NO_RUNS: ObserverRuns = { objects: 0, pose: 0, faces: 0 };
const add = (a: ObserverRuns, b: ObserverRuns): ObserverRuns => ({
  objects: a.objects + b.objects,
  pose: a.pose + b.pose,
  faces: a.faces + b.faces,
});

export class ObserverClient implements ObserverRunner {
  readonly #client: PipelineClient;
  readonly #backend: BackendName;
  #onProgress: ((fraction: number) => void) | undefined;
  /** The service whose runs #runs holds, and what it has counted. */
  #service: number | undefined;
  #runs: ObserverRuns = NO_RUNS;
  /** Runs counted by a service that is gone (the worker's, after a fallback to the main thread). */
  #pastRuns: ObserverRuns = NO_RUNS;

  /** `backend` is started only if the models have not started one where the observers run. */
  constructor(client: PipelineClient, { backend = "wasm" }: { backend?: BackendName } = {}) {
    this.#client = client;
    this.#backend = backend;
  }

  /** Keeps a service's count; a new service (after a fallback) counts from 0, on top of the old one's. */
  #count({ service, runs }: CountedRuns): void {
    if (service !== this.#service) {
      this.#pastRuns = this.runs;
      this.#service = service;
    }
    this.#runs = runs;
  }

  /** Observer model runs so far, counted where they run. */
  get runs(): ObserverRuns {
    return add(this.#pastRuns, this.#runs);
  }

  /** Where the observers run: with the models, in their worker or on the main thread. */
  get placement(): Placement {
    return this.#client.status.models;
  }

  /** Loads the observers now (observe loads them too); `onProgress` hears this and later loads. */
  async load({ onProgress, signal }: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {}): Promise<{
    backend: string;
  }> {
    this.#onProgress = onProgress;
    return this.#client.withModelWorker<ObserverService, { backend: string }>((connection) => this.#load(connection), {
      lane: false,
      signal,
    });
  }

  observe(
    image: RgbaImage,
    boxes: readonly Box[],
    { signal, lane = false }: ObserveOptions = {},
  ): Promise<Observation> {
    return this.#client.withModelWorker<ObserverService, Observation>(
      async (connection, aborted) => {
        await this.#load(connection);
        // The image is transferred: send a copy, the page keeps its own.
        const copy = { ...image, data: new Uint8ClampedArray(image.data) };
        const reply = await connection.call("observe", { image: copy, boxes: [...boxes] }, { signal: aborted });
        this.#count(reply);
        return reply.observation;
      },
      { lane, signal },
    );
  }

  /** Loads them where the models run (at once when already loaded there). */
  async #load(connection: Connection<ObserverService>): Promise<{ backend: string }> {
    const modelUrls = Object.fromEntries(
      Object.entries(MODEL_FILE_HREFS).map(([path, href]) => [path, new URL(href, location.href).href]),
    );
    const reply = await connection.call(
      "loadObservers",
      { backend: this.#backend, modelUrls, wasmPaths: siteWasmPaths() },
      { onProgress: (fraction) => this.#onProgress?.(fraction) },
    );
    this.#count(reply);
    return { backend: reply.backend };
  }
}
