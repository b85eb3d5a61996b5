// Loads both models for a page, reporting progress, the backend in use and any failure on its status line.
import { setStatus } from "../views/status-line.js";
import { type BackendName, backendReport } from "./backend.js";
import { type LoadedModels, loadModels } from "./models.js";
import { orStop } from "./or-stop.js";

export interface PageModelOptions {
  /** The backend to try first (the others follow if it cannot start). */
  readonly backend?: BackendName;
  /** Said after the reason when loading fails (what the visitor can do). */
  readonly hint?: string;
}

export function loadPageModels(
  line: HTMLElement,
  { backend = "wasm", hint = "" }: PageModelOptions = {},
): Promise<LoadedModels> {
  const progress = (fraction: number) => {
    const report = backendReport();
    setStatus(line, {
      state: "loading",
      text: `Loading the models… ${Math.round(100 * fraction)}%`,
      progress: fraction,
      ...(report && {
        details: `TensorFlow.js backend: ${report.active}`,
        data: { backend: report.active, attempts: JSON.stringify(report.attempts) },
      }),
    });
  };
  progress(0);
  const loading = loadModels(backend, progress).then((models) => {
    setStatus(line, {
      state: "loading",
      text: `Models ready (TensorFlow.js ${models.backend} backend); running them on the photo…`,
      data: { backend: models.backend },
    });
    return models;
  });
  return orStop(line, loading, hint);
}
