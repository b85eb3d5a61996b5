// Loads both models in the browser from the site's own files, reporting progress as one fraction.
import { loadBothModels } from "../models/load-models.js";
import type { Models } from "../pipeline/run.js";
import { type BackendName, selectBackend } from "./backend.js";
import { browserModelSource } from "./model-files.js";

export interface LoadedModels extends Models {
  /** The tfjs backend actually in use (another one if the requested one failed). */
  readonly backend: string;
}

export async function loadModels(
  backend: BackendName,
  onProgress: (fraction: number) => void = () => {},
): Promise<LoadedModels> {
  const active = await selectBackend(backend);
  return { ...(await loadBothModels(browserModelSource, onProgress)), backend: active };
}
