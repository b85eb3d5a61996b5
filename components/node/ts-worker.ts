// Worker threads that run a TypeScript module. A worker does not inherit the loader the main thread was started
// with (tsx), so a few lines of plain JavaScript register tsx inside the worker before importing the module.
import { Worker, type WorkerOptions } from "node:worker_threads";

const tsxApi = import.meta.resolve("tsx/esm/api");

export function startTypeScriptWorker(module: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const code = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
