// The page's side of the workers: the pipeline's stages as async functions of the same inputs, returning the
// same plain data, computed in two module workers (models: tfjs; pixels: masks and obfuscation). A page keeps
// its reactive shape (a stage is a function of its inputs that returns a promise) and only the place where
// the stage runs changes.
//
// - Data the page keeps (the photo, regions) is sent as a copy once per worker and referred to afterwards by
//   object identity; results come back transferred, not copied.
// - Stale results are dropped: each kind of request has a lane (by default its method name), and a newer
//   request in a lane supersedes the older one, which rejects with an AbortError (isSuperseded, in
//   request-lane.ts) and is never resolved after it; at most one request per lane waits. A request's own
//   `signal` (e.g. the page cell's invalidation) aborts it the same way.
// - A worker that fails to start or crashes is replaced by the same service on the main thread, and pending
//   requests are sent there again; `status` says where each part runs and why (for the status line).
import type { Mask, RgbaImage } from "../core/types.js";
import type { Size } from "../pipeline/preview.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import type {
  DetectionStage,
  MaskStage,
  ObfuscationStage,
  PersonRegion,
  PreparedImage,
  SegmentationStage,
} from "../pipeline/stages.js";
import type { ModelService, ModelsReady, Runs } from "../worker/model-service.js";
import type { HideSettings, MaskSettings, PixelService, ProvisionalSettings } from "../worker/pixel-service.js";
import { Connection, type Port, type Service, serve } from "../worker/protocol.js";
import type { BackendName } from "./backend.js";
import { MODEL_FILE_HREFS } from "./model-files.js";
import { startPolicedWorker } from "./policed-worker.js";
import { RequestLane } from "./request-lane.js";
import { siteWasmPaths } from "./wasm-paths.js";

export type Part = "models" | "pixels";

/** Where a part of the pipeline runs, and why it is not in its worker. */
export interface Placement {
  readonly where: "worker" | "main thread" | "not started";
  readonly reason?: string;
}

export interface RequestOptions {
  /** Requests in the same lane supersede each other (default: the method's name); false: never superseded. */
  readonly lane?: string | false;
  /** Aborting rejects the request with an AbortError and stops its work where it can (e.g. a cell's invalidation). */
  readonly signal?: AbortSignal;
}

export interface PipelineClientOptions {
  /** Worker script URLs (default: this site's). A test may point one at a script that fails to load. */
  readonly workerUrls?: Partial<Record<Part, string>>;
  /** A worker that has not said it is ready after this long (its modules, tfjs included, loaded) has failed. Default 60 s. */
  readonly startTimeoutMs?: number;
}

function crashError(message: string): Error {
  const error = new Error(message);
  error.name = "WorkerCrash";
  return error;
}

interface Endpoint<S extends Service> {
  readonly connection: Connection<S>;
  readonly where: "worker" | "main thread";
  readonly worker?: Worker;
  /** (models) The models loading or loaded there, for which backend. */
  models?: { backend: BackendName; ready: Promise<ModelsReady> };
  /** The photo id it holds, and (pixels) the regions and masks it holds. */
  photo?: number;
  /** A photo on its way there. */
  sending?: { photo: number; sent: Promise<void> };
  readonly regions: Set<number>;
  readonly masks: Set<number>;
}

const copyImage = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });
const copyMask = (mask: Mask): Mask => ({ ...mask, data: new Uint8Array(mask.data) });

export class PipelineClient {
  readonly #options: PipelineClientOptions;
  #models: Promise<Endpoint<ModelService>> | undefined;
  #pixels: Promise<Endpoint<PixelService>> | undefined;
  #placement: Record<Part, Placement> = {
    models: { where: "not started" },
    pixels: { where: "not started" },
  };
  readonly #listeners = new Set<(status: Readonly<Record<Part, Placement>>) => void>();
  readonly #lanes = new Map<string, RequestLane>();
  #nextId = 1;
  readonly #ids = new WeakMap<object, number>();
  /** The last model init, to repeat on the main thread after a crash. */
  #init: { backend: BackendName; onProgress?: (fraction: number) => void } | undefined;
  #runs: Runs = { detector: 0, segmenter: 0 };
  /** Runs counted by model services that are gone. */
  #pastRuns: Runs = { detector: 0, segmenter: 0 };

  constructor(options: PipelineClientOptions = {}) {
    this.#options = options;
  }

  /** Where the models and the pixel work run, and why not in a worker (for the status line). */
  get status(): Readonly<Record<Part, Placement>> {
    return this.#placement;
  }

  /** Calls `listener` whenever `status` changes; returns a function that stops it. */
  onStatus(listener: (status: Readonly<Record<Part, Placement>>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Model runs so far, counted where the models run (worker or main thread). */
  get runs(): Runs {
    return {
      detector: this.#pastRuns.detector + this.#runs.detector,
      segmenter: this.#pastRuns.segmenter + this.#runs.segmenter,
    };
  }

  /**
   * Loads both models (where they run) on `backend`, or the next backend that works there. If webgl cannot
   * start in the worker (no WebGL 2 on an OffscreenCanvas), the models move to the main thread for it.
   */
  async loadModels(
    backend: BackendName,
    { onProgress }: { onProgress?: (fraction: number) => void } = {},
  ): Promise<ModelsReady & Placement> {
    this.#init = { backend, onProgress };
    let ready = await this.#call("models", (endpoint) => this.#initModels(endpoint));
    const models = await this.#endpoint("models");
    if (backend === "webgl" && ready.backend !== "webgl" && models.where === "worker") {
      const why = ready.attempts.find((a) => a.name === "webgl")?.reason ?? "it did not start";
      await this.#fallBack("models", `webgl could not start in a worker (${why})`);
      ready = await this.#call("models", (endpoint) => this.#initModels(endpoint));
    }
    return { ...ready, ...this.#placement.models };
  }

  /** prepareImage, in the pixel worker: the page's PreparedImage, with the models' copy made off the page. */
  prepareImage(image: RgbaImage, options: RequestOptions = {}): Promise<PreparedImage> {
    return this.#lane(options, "prepare", () =>
      this.#call("pixels", async (pixels) => {
        const photo = this.#nextId++;
        const reply = await pixels.connection.call("setPhoto", { photo, image: copyImage(image) });
        this.#holdPhoto(pixels, photo);
        const prepared: PreparedImage = { full: image, inference: reply.inference ?? image, scale: reply.scale };
        this.#ids.set(prepared, photo);
        return prepared;
      }),
    );
  }

  /** detectObjects, in the model worker. */
  detectObjects(prepared: PreparedImage, options: RequestOptions = {}): Promise<DetectionStage> {
    return this.#lane(options, "detect", (signal) =>
      this.#call("models", async (models) => {
        const photo = await this.#modelPhoto(models, prepared);
        const { runs, ...stage } = await models.connection.call("detect", { photo }, { signal });
        this.#runs = runs;
        return stage;
      }),
    );
  }

  /**
   * segmentPeople, in the model worker. `onRegion` receives each person's region as soon as it is segmented;
   * a superseding request stops the segmentation between two people.
   */
  segmentPeople(
    prepared: PreparedImage,
    detection: DetectionStage,
    settings: Pick<PipelineSettings, "mode" | "internalResolution">,
    options: RequestOptions & { onRegion?: (region: PersonRegion, index: number) => void } = {},
  ): Promise<SegmentationStage> {
    const { onRegion } = options;
    return this.#lane(options, "segment", (signal) =>
      this.#call("models", async (models) => {
        const photo = await this.#modelPhoto(models, prepared);
        const regions: PersonRegion[] = [];
        const onProgress = (region: PersonRegion) => {
          regions.push(region);
          onRegion?.(region, regions.length - 1);
        };
        const reply = await models.connection.call(
          "segment",
          {
            photo,
            detections: detection.detections,
            settings: { mode: settings.mode, internalResolution: settings.internalResolution },
          },
          { signal, onProgress },
        );
        this.#runs = reply.runs;
        if (reply.regions !== regions.length)
          throw new Error(`segmentation sent ${regions.length} of its ${reply.regions} regions`);
        return { mode: reply.mode, regions, ms: reply.ms };
      }),
    );
  }

  /**
   * buildMask, in the pixel worker; with `size` (the canvas's size in device pixels), at that size when it is
   * smaller than the photo: a preview for while a control moves (growth scaled to it).
   */
  buildMask(
    prepared: PreparedImage,
    regions: readonly PersonRegion[],
    settings: MaskSettings,
    options: RequestOptions & { size?: Size } = {},
  ): Promise<MaskStage & { preview: boolean }> {
    const { size } = options;
    return this.#lane(options, "mask", (signal) =>
      this.#call("pixels", async (pixels) => {
        const photo = await this.#pixelPhoto(pixels, prepared);
        const ids = regions.map((region) => this.#id(region));
        const missing = regions.filter((region) => !pixels.regions.has(this.#id(region)));
        if (missing.length) {
          await pixels.connection.call("setRegions", {
            photo,
            regions: missing.map((region) => ({
              id: this.#id(region),
              region: {
                ...region,
                probabilities: { ...region.probabilities, data: new Float32Array(region.probabilities.data) },
              },
            })),
          });
          for (const region of missing) pixels.regions.add(this.#id(region));
        }
        const mask = this.#nextId++;
        const built = await pixels.connection.call(
          "buildMask",
          {
            photo,
            regions: ids,
            settings: { segmentationThreshold: settings.segmentationThreshold, growth: settings.growth },
            size,
            mask,
          },
          { signal },
        );
        pixels.masks.add(mask);
        this.#ids.set(built.mask, mask);
        return { ...built, people: built.people.map((person, i) => ({ ...person, region: regions[i]! })) };
      }),
    );
  }

  /** obfuscatePeople with a mask from buildMask (or any mask of the photo's size), in the pixel worker. */
  obfuscatePeople(
    prepared: PreparedImage,
    mask: Mask,
    settings: HideSettings,
    options: RequestOptions = {},
  ): Promise<ObfuscationStage> {
    return this.#lane(options, "obfuscate", (signal) =>
      this.#call("pixels", async (pixels) => {
        const photo = await this.#pixelPhoto(pixels, prepared);
        const id = this.#id(mask);
        if (!pixels.masks.has(id)) {
          await pixels.connection.call("setMask", { photo, mask: id, value: copyMask(mask) });
          pixels.masks.add(id);
        }
        const { method, radius, seed } = settings;
        return pixels.connection.call("obfuscate", { photo, mask: id, settings: { method, radius, seed } }, { signal });
      }),
    );
  }

  /**
   * The fail-closed provisional result from detections alone (every counted person's box hidden by an
   * ellipse), in the pixel worker; at `size` like buildMask.
   */
  provisionalResult(
    prepared: PreparedImage,
    detection: DetectionStage,
    settings: ProvisionalSettings,
    options: RequestOptions & { size?: Size } = {},
  ): Promise<ObfuscationStage & { mask: Mask; preview: boolean }> {
    const { size } = options;
    return this.#lane(options, "provisional", (signal) =>
      this.#call("pixels", async (pixels) => {
        const photo = await this.#pixelPhoto(pixels, prepared);
        const { scoreThreshold, maxPeople, method, radius, seed } = settings;
        return pixels.connection.call(
          "provisional",
          {
            photo,
            detections: detection.detections,
            settings: { scoreThreshold, maxPeople, method, radius, seed },
            size,
          },
          { signal },
        );
      }),
    );
  }

  /**
   * Runs `request` with the model worker's connection, for a service served there beside the models
   * (worker/model-side.ts, e.g. the observers): the stages' lanes and abort, and the fallback to the
   * main thread, where `request` runs again.
   */
  withModelWorker<S extends Service, T>(
    request: (connection: Connection<S>, signal: AbortSignal) => Promise<T>,
    options: RequestOptions & { readonly lane: string | false },
  ): Promise<T> {
    return this.#lane(options, "", (signal) =>
      this.#call("models", (models) => request(models.connection as unknown as Connection<S>, signal)),
    );
  }

  /** Stops both workers. */
  terminate(): void {
    for (const endpoint of [this.#models, this.#pixels])
      void endpoint?.then((e) => e.worker?.terminate()).catch(() => {});
  }

  // -------------------------------------------------------------------------------------------------------

  #lane<T>({ lane, signal }: RequestOptions, fallback: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const key = lane ?? fallback;
    // A lane of its own when it is never to be superseded (the caller's signal still applies).
    const requests = key === false ? new RequestLane() : (this.#lanes.get(key) ?? new RequestLane());
    if (key !== false) this.#lanes.set(key, requests);
    return requests.submit(task, signal);
  }

  #id(value: object): number {
    const id = this.#ids.get(value) ?? this.#nextId++;
    this.#ids.set(value, id);
    return id;
  }

  #setPlacement(part: Part, placement: Placement): void {
    this.#placement = { ...this.#placement, [part]: placement };
    for (const listener of this.#listeners) listener(this.#placement);
  }

  #endpoint(part: "models"): Promise<Endpoint<ModelService>>;
  #endpoint(part: "pixels"): Promise<Endpoint<PixelService>>;
  #endpoint(part: Part): Promise<Endpoint<ModelService> | Endpoint<PixelService>> {
    if (part === "models") {
      this.#models ??= this.#startWorker<ModelService>("models");
      return this.#models;
    }
    this.#pixels ??= this.#startWorker<PixelService>("pixels");
    return this.#pixels;
  }

  /**
   * Runs `request` on the part's endpoint. If the worker crashed, the part moves to the main thread and the
   * request is made again there; if the endpoint no longer holds something the request refers to (a new
   * service, or one it dropped), the request is made once more and sends it again.
   */
  async #call<T>(part: "models", request: (endpoint: Endpoint<ModelService>) => Promise<T>): Promise<T>;
  async #call<T>(part: "pixels", request: (endpoint: Endpoint<PixelService>) => Promise<T>): Promise<T>;
  async #call<T>(part: Part, request: (endpoint: never) => Promise<T>): Promise<T> {
    for (let resent = false; ; ) {
      const endpoint = await (part === "models" ? this.#endpoint("models") : this.#endpoint("pixels"));
      try {
        // Models move with their part: a new model service loads them before its first request.
        if (part === "models" && this.#init) await this.#initModels(endpoint as Endpoint<ModelService>);
        return await request(endpoint as never);
      } catch (error) {
        const name = (error as Error).name;
        if (name === "WorkerCrash" && endpoint.where === "worker") {
          await this.#fallBack(part, (error as Error).message);
          continue;
        }
        if (name === "UnknownReference" && !resent) {
          resent = true;
          endpoint.photo = undefined;
          endpoint.sending = undefined;
          endpoint.regions.clear();
          endpoint.masks.clear();
          continue;
        }
        throw error;
      }
    }
  }

  /** Loads the models on `endpoint` for the backend last asked for, once per endpoint and backend. */
  #initModels(endpoint: Endpoint<ModelService>): Promise<ModelsReady> {
    if (!this.#init) return Promise.reject(new Error("the models are not loaded: call loadModels first"));
    const { backend, onProgress } = this.#init;
    if (endpoint.models?.backend !== backend) {
      const modelUrls = Object.fromEntries(
        Object.entries(MODEL_FILE_HREFS).map(([path, href]) => [path, new URL(href, location.href).href]),
      );
      const ready = endpoint.connection.call(
        "init",
        { backend, modelUrls, wasmPaths: siteWasmPaths() },
        { onProgress },
      );
      endpoint.models = { backend, ready };
      // New models count from 0: keep what the old ones counted.
      ready.then(
        () => {
          this.#pastRuns = this.runs;
          this.#runs = { detector: 0, segmenter: 0 };
        },
        () => (endpoint.models = undefined),
      );
    }
    return endpoint.models.ready;
  }

  #holdPhoto(endpoint: Endpoint<ModelService> | Endpoint<PixelService>, photo: number): void {
    if (endpoint.photo === photo) return;
    endpoint.photo = photo;
    endpoint.regions.clear();
    endpoint.masks.clear();
  }

  /** The photo's id, after sending the models' copy of it to `models` if it does not hold it. */
  #modelPhoto(models: Endpoint<ModelService>, prepared: PreparedImage): Promise<number> {
    return this.#sendPhoto(models, prepared, (photo) =>
      models.connection.call("setPhoto", { photo, inference: copyImage(prepared.inference), scale: prepared.scale }),
    );
  }

  /** The photo's id, after sending it to `pixels` if it does not hold it (a photo prepared elsewhere). */
  #pixelPhoto(pixels: Endpoint<PixelService>, prepared: PreparedImage): Promise<number> {
    return this.#sendPhoto(pixels, prepared, (photo) =>
      pixels.connection.call("setPhoto", { photo, image: copyImage(prepared.full) }),
    );
  }

  /** Sends the photo once per endpoint, even when several requests need it at the same time. */
  async #sendPhoto(
    endpoint: Endpoint<ModelService> | Endpoint<PixelService>,
    prepared: PreparedImage,
    send: (photo: number) => Promise<unknown>,
  ): Promise<number> {
    const photo = this.#id(prepared);
    if (endpoint.photo === photo) return photo;
    if (endpoint.sending?.photo !== photo) {
      const sent = send(photo).then(() => this.#holdPhoto(endpoint, photo));
      endpoint.sending = { photo, sent };
      sent
        .finally(() => {
          if (endpoint.sending?.sent === sent) endpoint.sending = undefined;
        })
        .catch(() => {});
    }
    await endpoint.sending!.sent;
    return photo;
  }

  /**
   * Starts the part's worker. Resolves when it is ready, or when it failed to start (then every request to it
   * rejects with a WorkerCrash, which moves the part to the main thread); a later error event (a crash) moves
   * the part to the main thread at once, and its pending requests follow.
   */
  #startWorker<S extends Service>(part: Part): Promise<Endpoint<S>> {
    const url =
      this.#options.workerUrls?.[part] ??
      (part === "models"
        ? import.meta.resolve("../worker/model-worker.js")
        : import.meta.resolve("../worker/pixel-worker.js"));
    let worker: Worker;
    try {
      worker = startPolicedWorker(url);
    } catch (error) {
      return this.#startMain<S>(part, `the ${part} worker could not be created: ${(error as Error).message}`);
    }
    const connection = new Connection<S>(worker as unknown as Port);
    const endpoint: Endpoint<S> = { connection, where: "worker", worker, regions: new Set(), masks: new Set() };
    let started = false;
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const fail = (why: string) => {
      if (connection.failure) return;
      const reason = `the ${part} worker ${started ? "crashed" : "failed to start"}: ${why}`;
      worker.terminate();
      connection.fail(crashError(reason));
      settle();
      if (started) void this.#fallBack(part, reason);
    };
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(event.message || "an error with no message (often a script or an import that failed to load)");
    });
    worker.addEventListener("messageerror", () => fail("a message could not be read"));
    const timeout = this.#options.startTimeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(`not ready after ${timeout / 1000} s`), timeout);
    void connection.ready.then(() => {
      clearTimeout(timer);
      if (connection.failure) return;
      started = true;
      this.#setPlacement(part, { where: "worker" });
      settle();
    });
    return settled.then(() => endpoint);
  }

  /** The same service on the main thread, over a MessageChannel (the same protocol, transfers included). */
  async #startMain<S extends Service>(part: Part, reason: string): Promise<Endpoint<S>> {
    const service =
      part === "models"
        ? (await import("../worker/model-side.js")).modelSide()
        : (await import("../worker/pixel-service.js")).pixelService();
    const channel = new MessageChannel();
    serve(channel.port2, service);
    const connection = new Connection<S>(channel.port1);
    this.#setPlacement(part, { where: "main thread", reason });
    return { connection, where: "main thread", regions: new Set(), masks: new Set() };
  }

  async #fallBack(part: Part, reason: string): Promise<void> {
    const current = part === "models" ? this.#models : this.#pixels;
    const endpoint = await current;
    if (endpoint?.where === "main thread") return;
    endpoint?.worker?.terminate();
    if (part === "models") {
      this.#pastRuns = this.runs;
      this.#runs = { detector: 0, segmenter: 0 };
      this.#models = this.#startMain<ModelService>("models", reason);
    } else this.#pixels = this.#startMain<PixelService>("pixels", reason);
  }
}
