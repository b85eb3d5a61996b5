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

/** A tfjs IOHandler that loads `jsonPath` and finds its weight shards through `source`, not by relative URL. */
export function modelHandler(source: ModelSource, jsonPath: string, onProgress?: ProgressCallback): tf.io.IOHandler {
  const folder = jsonPath.slice(0, jsonPath.lastIndexOf("/") + 1);
  return tf.io.http(source.url(jsonPath), {
    weightUrlConverter: async (name: string) => source.url(folder + name),
    ...(source.fetch ? { fetchFunc: source.fetch } : {}),
    ...(onProgress ? { onProgress } : {}),
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
