// The home page's status line: which stage is running, what the result card shows (a provisional result, a
// preview while a control moves, the final result), where it came from (the build-time stages of a sample, or
// the models in this browser), where the models and the pixel work run (a worker, or the main thread and why),
// whether the models are loaded, and how many times each has run. The same as data-* attributes, for tests
// and benchmarks. describePipeline is the wording (pure, tested); PipelineStatus keeps it current.
import type { ModelState, PipelineClient, Placement } from "../browser/pipeline-client.js";
import type { Runs } from "../worker/model-service.js";
import type { FrameKind } from "./before-after.js";
import { percent } from "./percent.js";
import { StatusLine, type StatusUpdate, setStatus } from "./status-line.js";

/** What the page is doing, as its cells report it. */
export interface PipelineView {
  /** A refused photo: said until the next photo is shown. */
  readonly problem?: string;
  /** The stage running now; `models` when it needs the models (it waits for them while they load). */
  readonly stage?: { readonly text: string; readonly models: boolean };
  /** The last result drawn. */
  readonly frame?: {
    readonly kind: FrameKind;
    readonly people: number;
    /** Share of the photo's pixels replaced. */
    readonly maskShare: number;
    readonly hideMs: number;
    /** Each stage's own time where it ran (detection and segmentation: build time for build-time stages). */
    readonly stageMs?: Readonly<Partial<Record<"detect" | "segment" | "mask", number>>>;
    readonly width: number;
    readonly height: number;
  };
  /** build: the sample's stages computed when the site was built; models: run in this browser. */
  readonly source?: "build" | "models";
}

/** What the client says about where things run. */
export interface ClientView {
  readonly models: ModelState;
  readonly status: Readonly<Record<"models" | "pixels", Placement>>;
  readonly runs: Runs;
}

/** "in a worker", "on the main thread (why)", or "" when not started. */
function where(placement: Placement): string {
  if (placement.where === "worker") return "in a worker";
  if (placement.where === "main thread") return `on the main thread (${placement.reason ?? "no worker"})`;
  return "";
}

function modelsText(models: ModelState, placement: Placement): string {
  const place = where(placement) && ` ${where(placement)}`;
  switch (models.state) {
    case "idle":
      return "models: not loaded (needed for your own photos, and for other modes, details or backends)";
    case "loading":
      return `models: loading ${percent(models.progress ?? 0)}${place}`;
    case "ready":
      return `models: ready (TensorFlow.js ${models.backend} backend)${place}`;
    case "failed":
      return "models: could not be loaded";
  }
}

export function describePipeline(view: PipelineView, client: ClientView, hint = ""): StatusUpdate {
  const { models, status, runs } = client;
  const { frame, stage, source } = view;
  const details = [
    source === "build"
      ? "Shown from this sample's stages, computed when the site was built: no model needed"
      : source === "models"
        ? "Computed by the models in this browser"
        : "",
    modelsText(models, status.models),
    where(status.pixels) && `pixel work ${where(status.pixels)}`,
    `model runs so far: detector ${runs.detector}, segmenter ${runs.segmenter}`,
    frame ? `hiding took ${Math.round(frame.hideMs)} ms` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const data: Record<string, string | number> = {
    detectorRuns: runs.detector,
    segmenterRuns: runs.segmenter,
    backend: models.backend ?? "",
    models: models.state,
    modelsWhere: status.models.where,
    pixelsWhere: status.pixels.where,
    source: source ?? "",
    frame: frame?.kind ?? "",
    stage: stage?.text ?? "",
    ...(frame ? { people: frame.people, hideMs: Math.round(frame.hideMs) } : {}),
    ...Object.fromEntries(Object.entries(frame?.stageMs ?? {}).map(([stage, ms]) => [`${stage}Ms`, Math.round(ms)])),
    ...(models.attempts ? { attempts: JSON.stringify(models.attempts) } : {}),
  };
  const update = (state: StatusUpdate["state"], text: string, progress?: number): StatusUpdate => ({
    state,
    text,
    details,
    data,
    ...(progress === undefined ? {} : { progress, figure: percent(progress) }),
  });
  if (view.problem) return update("error", view.problem);
  if (models.state === "failed")
    return update("error", `${models.error ?? "The models could not be loaded."} ${hint}`.trim());
  if (stage) {
    if (stage.models && models.state !== "ready") {
      const progress = models.progress ?? 0;
      return update("loading", "Loading the models…", progress);
    }
    return update("running", stage.text);
  }
  if (!frame) return update("loading", "Reading the photo…");
  const count = `${frame.people} ${frame.people === 1 ? "person" : "people"}`;
  if (frame.kind === "provisional")
    return update("running", `Found ${count}: each is hidden by an ellipse over their box until their mask is ready…`);
  if (frame.kind === "preview")
    return update(
      "running",
      `Preview at ${frame.width} × ${frame.height}; the full-size result follows when you stop.`,
    );
  if (frame.people === 0) return update("no-people", "No people found: nothing was hidden.");
  return update("done", `Done: ${count} found, ${(100 * frame.maskShare).toFixed(1)}% of pixels replaced.`);
}

export interface PipelineStatusElement extends HTMLParagraphElement {
  /** Says what the page is doing now (merged into what it said before). */
  report(change: Partial<PipelineView>): void;
  /**
   * Says `text` while `work` runs (`models` when it needs the models). When it fails, the line says why and the
   * promise never settles (cells that need it stay as they are); a superseded request rejects as usual.
   */
  track<T>(text: string, work: Promise<T>, options?: { models?: boolean }): Promise<T>;
}

/** The status line of `client`'s pipeline: `<p id=… role="status" data-state=…>`. */
export function PipelineStatus(client: PipelineClient, { id, hint = "" }: { id: string; hint?: string }) {
  let view: PipelineView = {};
  const line = StatusLine(describePipeline(view, client, hint), { id }) as PipelineStatusElement;
  const show = () => setStatus(line, describePipeline(view, client, hint));
  client.onChange(show);
  line.report = (change) => {
    view = { ...view, ...change };
    show();
  };
  line.track = (text, work, { models = false } = {}) => {
    line.report({ stage: { text, models } });
    return work.catch((error: Error) => {
      if (error.name === "AbortError") throw error;
      // Models that could not load are said already (with the hint); anything else is said here.
      line.report({ stage: undefined, ...(client.models.state === "failed" ? {} : { problem: error.message }) });
      return new Promise(() => {});
    });
  };
  return line;
}
