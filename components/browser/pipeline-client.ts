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
//   requests are sent there again; `status` says where each part runs and why, `models` whether the models are
//   loaded (for the status line).
// - The models load when first needed (useBackend) or when asked (loadModels): a page that shows build-time
//   stages needs none until the visitor brings a photo of their own.
import type { Detection, Mask, RgbaImage } from "../core/types.js";
import type { PersonDetector } from "../models/detector.js";
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
import type { ModelsReady, Runs, SentRegion } from "../worker/model-service.js";
import type { ModelSide } from "../worker/model-side.js";
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

/** Whether the models are loaded, on which backend, and why not. */
export interface ModelState {
  readonly state: "idle" | "loading" | "ready" | "failed";
  /** The backend asked for. */
  readonly requested?: BackendName;
  /** The backend in use, once ready (another one when the one asked for could not start). */
  readonly backend?: string;
  readonly attempts?: ModelsReady["attempts"];
  /** Loaded share of the model files, while loading. */
  readonly progress?: number;
  /** Why they could not be loaded. */
  readonly error?: string;
}

/** A prepared photo, and what its pixels say about it. */
export interface PreparedPhoto extends PreparedImage {
  /** Share of pixels not fully opaque. */
  readonly transparent: number;
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
  #models: Promise<Endpoint<ModelSide>> | undefined;
  #pixels: Promise<Endpoint<PixelService>> | undefined;
  #placement: Record<Part, Placement> = {
    models: { where: "not started" },
    pixels: { where: "not started" },
  };
  #modelState: ModelState = { state: "idle" };
  readonly #listeners = new Set<() => void>();
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

  /** Whether the models are loaded (for the status line). */
  get models(): ModelState {
    return this.#modelState;
  }

  /** Calls `listener` whenever `status`, `models` or `runs` change; returns a function that stops it. */
  onChange(listener: () => void): () => void {
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
    this.useBackend(backend, { onProgress });
    let ready = await this.#call("models", (endpoint) => this.#initModels(endpoint));
    const models = await this.#endpoint("models");
    if (backend === "webgl" && ready.backend !== "webgl" && models.where === "worker") {
      const why = ready.attempts.find((a) => a.name === "webgl")?.reason ?? "it did not start";
      await this.#fallBack("models", `webgl could not start in a worker (${why})`);
      ready = await this.#call("models", (endpoint) => this.#initModels(endpoint));
    }
    return { ...ready, ...this.#placement.models };
  }

  /**
   * The backend the models are to run on, without loading them: the first request that needs them loads them
   * (or loadModels does). Changing it drops the loaded models at the next such request. Returns `backend`.
   */
  useBackend(backend: BackendName, { onProgress }: { onProgress?: (fraction: number) => void } = {}): BackendName {
    if (this.#init?.backend === backend && this.#init.onProgress === onProgress) return backend;
    this.#init = { backend, onProgress };
    if (this.#modelState.requested !== backend) this.#setModelState({ state: "idle", requested: backend });
    return backend;
  }

  /**
   * prepareImage, in the pixel worker: the page's PreparedImage, with the models' copy made off the page. A
   * bitmap (a decoded file) has its pixels read there too; the page gets a copy of them. With `forModels`, the
   * model worker reads the bitmap at the same time (its models will need the photo: it is not kept waiting for
   * the page's copy); with `previewSize`, the pixel worker makes the preview copy for that size while it waits.
   */
  prepareImage(
    source: RgbaImage | ImageBitmap,
    options: RequestOptions & { forModels?: boolean; previewSize?: Size } = {},
  ): Promise<PreparedPhoto> {
    const { forModels = false, previewSize } = options;
    return this.#lane(options, "prepare", () =>
      this.#call("pixels", async (pixels) => {
        const photo = this.#nextId++;
        const bitmap = typeof ImageBitmap !== "undefined" && source instanceof ImageBitmap;
        if (bitmap && forModels) this.#sendBitmapToModels(photo, source);
        const reply = await pixels.connection.call(
          "setPhoto",
          bitmap
            ? { photo, bitmap: source, previewSize }
            : { photo, image: copyImage(source as RgbaImage), previewSize },
        );
        this.#holdPhoto(pixels, photo);
        const full = reply.full ?? (source as RgbaImage);
        const prepared: PreparedPhoto = {
          full,
          inference: reply.inference ?? full,
          scale: reply.scale,
          transparent: reply.transparent,
        };
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
        this.#setRuns(runs);
        return stage;
      }),
    );
  }

  /**
   * The detector on any image (e.g. a result, for the privacy check), in the model worker: every object found,
   * in that image's pixels, highest score first.
   */
  detect(image: RgbaImage, options: RequestOptions = {}): Promise<Detection[]> {
    return this.#lane(options, "detect-image", (signal) =>
      this.#call("models", async (models) => {
        const { detections, runs } = await models.connection.call(
          "detectImage",
          { image: copyImage(image) },
          { signal },
        );
        this.#setRuns(runs);
        return detections;
      }),
    );
  }

  /** The detector as the pipeline's PersonDetector (for checkPrivacy), running in the model worker. */
  get detector(): PersonDetector {
    const client = this;
    return {
      detect: (image) => client.detect(image),
      get runs() {
        return client.runs.detector;
      },
      dispose() {},
    };
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
        const onProgress = ({ detection: from, ...sent }: SentRegion) => {
          const region: PersonRegion = from === undefined ? sent : { ...sent, detection: detection.detections[from]! };
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
        this.#setRuns(reply.runs);
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

  /**
   * obfuscatePeople with a mask from buildMask or provisionalMask (or any mask of the photo's size), in the pixel
   * worker; with `size`, a photo-sized mask is scaled down to it first: a preview, as for buildMask.
   */
  obfuscatePeople(
    prepared: PreparedImage,
    mask: Mask,
    settings: HideSettings,
    options: RequestOptions & { size?: Size } = {},
  ): Promise<ObfuscationStage & { preview: boolean }> {
    const { size } = options;
    return this.#lane(options, "obfuscate", (signal) =>
      this.#call("pixels", async (pixels) => {
        const photo = await this.#pixelPhoto(pixels, prepared);
        const id = this.#id(mask);
        if (!pixels.masks.has(id)) {
          await pixels.connection.call("setMask", { photo, mask: id, value: copyMask(mask) });
          pixels.masks.add(id);
        }
        const { method, radius, seed } = settings;
        return pixels.connection.call(
          "obfuscate",
          { photo, mask: id, settings: { method, radius, seed }, size },
          { signal },
        );
      }),
    );
  }

  /**
   * The fail-closed provisional mask from detections alone (every counted person's box hidden by an ellipse),
   * in the pixel worker, for obfuscatePeople; at `size` like buildMask.
   */
  provisionalMask(
    prepared: PreparedImage,
    detection: DetectionStage,
    settings: ProvisionalSettings,
    options: RequestOptions & { size?: Size } = {},
  ): Promise<{ mask: Mask; preview: boolean; ms: number }> {
    const { size } = options;
    return this.#lane(options, "provisional", (signal) =>
      this.#call("pixels", async (pixels) => {
        const photo = await this.#pixelPhoto(pixels, prepared);
        const { scoreThreshold, maxPeople } = settings;
        const mask = this.#nextId++;
        const reply = await pixels.connection.call(
          "provisionalMask",
          { photo, detections: detection.detections, settings: { scoreThreshold, maxPeople }, size, mask },
          { signal },
        );
        pixels.masks.add(mask);
        this.#ids.set(reply.mask, mask);
        return reply;
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
    this.#changed();
  }

  #setModelState(state: ModelState): void {
    this.#modelState = state;
    this.#changed();
  }

  #setRuns(runs: Runs): void {
    this.#runs = runs;
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  #endpoint(part: "models"): Promise<Endpoint<ModelSide>>;
  #endpoint(part: "pixels"): Promise<Endpoint<PixelService>>;
  #endpoint(part: Part): Promise<Endpoint<ModelSide> | Endpoint<PixelService>> {
    if (part === "models") {
      this.#models ??= this.#startWorker<ModelSide>("models");
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
  async #call<T>(part: "models", request: (endpoint: Endpoint<ModelSide>) => Promise<T>): Promise<T>;
  async #call<T>(part: "pixels", request: (endpoint: Endpoint<PixelService>) => Promise<T>): Promise<T>;
  async #call<T>(part: Part, request: (endpoint: never) => Promise<T>): Promise<T> {
    for (let resent = false; ; ) {
      const endpoint = await (part === "models" ? this.#endpoint("models") : this.#endpoint("pixels"));
      try {
        // Models move with their part: a new model service loads them before its first request.
        if (part === "models" && this.#init) await this.#initModels(endpoint as Endpoint<ModelSide>);
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
  #initModels(endpoint: Endpoint<ModelSide>): Promise<ModelsReady> {
    if (!this.#init) return Promise.reject(new Error("the models are not loaded: call loadModels first"));
    const { backend, onProgress } = this.#init;
    if (endpoint.models?.backend !== backend) {
      const modelUrls = Object.fromEntries(
        Object.entries(MODEL_FILE_HREFS).map(([path, href]) => [path, new URL(href, location.href).href]),
      );
      this.#setModelState({ state: "loading", requested: backend, progress: 0 });
      const progress = (fraction: number) => {
        if (this.#init?.backend === backend) this.#setModelState({ ...this.#modelState, progress: fraction });
        onProgress?.(fraction);
      };
      const ready = endpoint.connection.call(
        "init",
        { backend, modelUrls, wasmPaths: siteWasmPaths() },
        { onProgress: progress },
      );
      endpoint.models = { backend, ready };
      // New models count from 0: keep what the old ones counted.
      ready.then(
        (loaded) => {
          this.#pastRuns = this.runs;
          this.#runs = { detector: 0, segmenter: 0 };
          if (this.#init?.backend === backend)
            this.#setModelState({
              state: "ready",
              requested: backend,
              backend: loaded.backend,
              attempts: loaded.attempts,
            });
        },
        (error: Error) => {
          endpoint.models = undefined;
          // A crashed worker is not the models' failure: they load again on the main thread.
          if (this.#init?.backend === backend && error.name !== "WorkerCrash")
            this.#setModelState({ state: "failed", requested: backend, error: error.message });
        },
      );
    }
    return endpoint.models.ready;
  }

  #holdPhoto(endpoint: Endpoint<ModelSide> | Endpoint<PixelService>, photo: number): void {
    if (endpoint.photo === photo) return;
    endpoint.photo = photo;
    endpoint.regions.clear();
    endpoint.masks.clear();
  }

  /** The photo's id, after sending the models' copy of it to `models` if it does not hold it. */
  #modelPhoto(models: Endpoint<ModelSide>, prepared: PreparedImage): Promise<number> {
    const photo = this.#id(prepared);
    return this.#sendPhoto(models, photo, () =>
      models.connection.call("setPhoto", { photo, inference: copyImage(prepared.inference), scale: prepared.scale }),
    );
  }

  /** A decoded photo to the model worker, which reads and prepares it itself (no model needed for that). */
  #sendBitmapToModels(photo: number, bitmap: ImageBitmap): void {
    // A failure (a crash) is left to the request that needs the photo: it sends the page's copy instead.
    void this.#endpoint("models")
      .then((models) => this.#sendPhoto(models, photo, () => models.connection.call("setPhoto", { photo, bitmap })))
      .catch(() => {});
  }

  /** The photo's id, after sending it to `pixels` if it does not hold it (a photo prepared elsewhere). */
  #pixelPhoto(pixels: Endpoint<PixelService>, prepared: PreparedImage): Promise<number> {
    const photo = this.#id(prepared);
    return this.#sendPhoto(pixels, photo, () =>
      pixels.connection.call("setPhoto", { photo, image: copyImage(prepared.full) }),
    );
  }

  /** Sends photo `photo` once per endpoint, even when several requests need it at the same time. */
  async #sendPhoto(
    endpoint: Endpoint<ModelSide> | Endpoint<PixelService>,
    photo: number,
    send: () => Promise<unknown>,
  ): Promise<number> {
    if (endpoint.photo === photo) return photo;
    if (endpoint.sending?.photo !== photo) {
      const sent = send().then(() => this.#holdPhoto(endpoint, photo));
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
      this.#models = this.#startMain<ModelSide>("models", reason);
    } else this.#pixels = this.#startMain<PixelService>("pixels", reason);
  }
}
