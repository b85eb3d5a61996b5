// Where model files come from. The site maps each manifest path to a content-hashed URL; Node maps it to a
// file on disk. Loaders only ever ask for manifest paths such as "coco-ssd/lite_mobilenet_v2/model.json".
import * as tf from "@tensorflow/tfjs";

export interface ModelSource {
  /** URL of one model file, named by its path in data/models.json. */
  url(path: string): string;
  /** Optional fetch replacement (Node reads files from disk with it). */
  fetch?: typeof fetch;
}

/** Reports loading progress as a fraction in [0, 1]. */
export type ProgressCallback = (fraction: number) => void;

/**
 * A tfjs IOHandler that loads `jsonPath` and finds its weight shards through `source`, not by relative URL.
 * Progress is counted here, per file, rather than by tfjs's own onProgress, whose monitor leaves an
 * unhandled rejection behind for every file that fails; and a failed file is named in the error.
 */
export function modelHandler(source: ModelSource, jsonPath: string, onProgress?: ProgressCallback): tf.io.IOHandler {
  const folder = jsonPath.slice(0, jsonPath.lastIndexOf("/") + 1);
  const paths = new Map<string, string>();
  const urlOf = (path: string) => {
    const url = source.url(path);
    paths.set(url, path);
    return url;
  };
  const jsonUrl = urlOf(jsonPath);
  const base = source.fetch ?? fetch;
  let files = 1;
  let done = 0;
  const trackingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const name = paths.get(url) ?? url;
    const response = await base(input, init).catch((error: Error) => {
      throw new Error(`model file ${name} could not be fetched (${error.message})`);
    });
    if (!response.ok) throw new Error(`model file ${name} could not be fetched (HTTP ${response.status})`);
    if (url === jsonUrl) {
      const manifest = (await response.clone().json()) as { weightsManifest?: Array<{ paths: string[] }> };
      files = 1 + (manifest.weightsManifest ?? []).reduce((n, group) => n + group.paths.length, 0);
    }
    onProgress?.(++done / files);
    return response;
  };
  return tf.io.http(jsonUrl, {
    weightUrlConverter: async (name: string) => urlOf(folder + name),
    fetchFunc: trackingFetch,
  });
}

/** Turns any loading failure into one message naming the model, so the page and the CLI can say what broke. */
export async function loadingModel<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new Error(`${name} failed to load: ${(error as Error).message}`, { cause: error });
  }
}
