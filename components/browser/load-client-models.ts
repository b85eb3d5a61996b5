// Loads both models in a page's pipeline client (in the model worker, or on the main thread when a worker
// cannot run them), reporting progress, the backend in use, where the models and the pixel work run, and any
// failure on the page's status line.
import { percent } from "../views/percent.js";
import { setStatus } from "../views/status-line.js";
import type { BackendName } from "./backend.js";
import { orStop } from "./or-stop.js";
import type { ModelState, PipelineClient, Placement } from "./pipeline-client.js";

/** "in workers", or which part runs on the main thread and why (for a page's status line). */
export function whereText(status: Readonly<Record<"models" | "pixels", Placement>>): string {
  const fallen = (["models", "pixels"] as const).filter((part) => status[part].where === "main thread");
  if (!fallen.length) return "in workers";
  return fallen
    .map((part) => `${part === "models" ? "the models" : "the pixel work"} on the main thread (${status[part].reason})`)
    .join(", ");
}

export function loadClientModels(
  client: PipelineClient,
  line: HTMLElement,
  { backend = "wasm", hint = "" }: { backend?: BackendName; hint?: string } = {},
): Promise<ModelState & { backend: string }> {
  const progress = (fraction: number) =>
    setStatus(line, {
      state: "loading",
      text: "Loading the models…",
      figure: percent(fraction),
      progress: fraction,
    });
  progress(0);
  const loading = client.loadModels(backend, { onProgress: progress }).then(() => {
    const models = client.models as ModelState & { backend: string };
    setStatus(line, {
      state: "loading",
      text: `Models ready (TensorFlow.js ${models.backend} backend, ${whereText(client.status)}); running them on the photo…`,
      data: { backend: models.backend, attempts: JSON.stringify(models.attempts ?? []) },
    });
    return models;
  });
  return orStop(line, loading, hint);
}
