// What the home page's status line says once the pipeline has run: people found, pixels replaced, how long
// hiding took and how many times each model has run (also as data-* attributes, for tests and
// benchmarks; what backend selection tried is set while the models load).
import type { StatusUpdate } from "./status-line.js";

export interface PipelineSummary {
  /** Different people found. */
  readonly people: number;
  /** Share of the photo's pixels replaced. */
  readonly maskShare: number;
  /** Time the last stage (hiding) took. */
  readonly hideMs: number;
  readonly detectorRuns: number;
  readonly segmenterRuns: number;
  /** The active TensorFlow.js backend. */
  readonly backend: string;
}

export function pipelineSummary({
  people,
  maskShare,
  hideMs,
  detectorRuns,
  segmenterRuns,
  backend,
}: PipelineSummary): StatusUpdate {
  return {
    state: people === 0 ? "no-people" : "done",
    text:
      people === 0
        ? "No people found: nothing was hidden."
        : `Done: ${people} ${people === 1 ? "person" : "people"} found, ${(100 * maskShare).toFixed(1)}% of pixels replaced.`,
    details:
      `Hiding took ${Math.round(hideMs)} ms · model runs so far: detector ${detectorRuns}, segmenter ${segmenterRuns} · ` +
      `TensorFlow.js backend: ${backend}`,
    data: { people, detectorRuns, segmenterRuns, backend },
  };
}
