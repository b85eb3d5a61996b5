import * as tf from "@tensorflow/tfjs";

export type NodeBackend = "wasm" | "cpu";

/** Selects the tfjs backend in Node (WebGL does not exist there). Returns the backend now active. */
export async function useNodeBackend(name: NodeBackend = "wasm"): Promise<string> {
  if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" could not be initialised`);
  await tf.ready();
  return tf.getBackend();
}
