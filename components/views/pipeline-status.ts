// One line saying what the pipeline is doing, for people (text) and for tests and scripts (data-*
// attributes: state, people, detector and segmenter runs, backend). Stage cells update it as they run,
// since a cell that waited for every stage could not say which one is running.

export type PipelineState = "loading" | "running" | "done" | "error" | "no-people";

export interface PipelineSummary {
  /** Different people found. */
  people: number;
  /** Share of the photo's pixels replaced. */
  maskShare: number;
  /** Time the last stage (hiding) took. */
  hideMs: number;
  detectorRuns: number;
  segmenterRuns: number;
  /** The active TensorFlow.js backend. */
  backend: string;
  /** What backend selection tried (JSON in data-attempts), when known. */
  attempts?: unknown;
}

export interface PipelineStatus {
  readonly element: HTMLParagraphElement;
  /** `backend`: what backend selection chose and tried, once it is known. */
  loading(fraction: number, backend?: { active: string; attempts: unknown }): void;
  running(text: string): void;
  done(summary: PipelineSummary): void;
  error(message: string): void;
}

export function PipelineStatus(): PipelineStatus {
  const element = document.createElement("p");
  element.id = "pipeline-status";
  element.setAttribute("role", "status");
  element.style.cssText = "font-weight:500;max-width:none;min-height:2.6em;";
  const message = document.createElement("span");
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.style.cssText = "margin-left:0.5em;vertical-align:middle;";
  const details = document.createElement("small");
  details.style.cssText = "display:block;font-weight:normal;color:var(--theme-foreground-muted);";
  element.append(message, progress, details);

  const set = (state: PipelineState, text: string) => {
    element.dataset.state = state;
    message.textContent = text;
    progress.hidden = state !== "loading";
    element.style.color = state === "error" ? "var(--theme-red)" : "";
  };

  const status: PipelineStatus = {
    element,
    loading(fraction, backend) {
      set("loading", `Loading models… ${Math.round(100 * fraction)}%`);
      progress.value = fraction;
      if (backend) {
        element.dataset.backend = backend.active;
        element.dataset.attempts = JSON.stringify(backend.attempts);
        details.textContent = `TensorFlow.js backend: ${backend.active}`;
      }
    },
    running: (text) => set("running", text),
    done({ people, maskShare, hideMs, detectorRuns, segmenterRuns, backend, attempts }) {
      if (people === 0) set("no-people", "No people found: nothing was hidden.");
      else
        set(
          "done",
          `Done: ${people} ${people === 1 ? "person" : "people"} found, ${(100 * maskShare).toFixed(1)}% of pixels replaced.`,
        );
      Object.assign(element.dataset, { people, detectorRuns, segmenterRuns, backend });
      if (attempts !== undefined) element.dataset.attempts = JSON.stringify(attempts);
      details.textContent =
        `Hiding took ${Math.round(hideMs)} ms · model runs so far: detector ${detectorRuns}, segmenter ${segmenterRuns} · ` +
        `TensorFlow.js backend: ${backend}`;
    },
    error: (text) => set("error", text),
  };
  status.loading(0);
  return status;
}
