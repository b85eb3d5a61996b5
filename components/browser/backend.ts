// Chooses the TensorFlow.js backend in the browser: the one asked for first, then the others in the order
// wasm → webgl → cpu, keeping the reason each one that failed gave. On the machines this was measured on,
// wasm was the fastest (webgl ran on a software renderer); on a real GPU webgl usually wins.
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { siteWasmPaths, type WasmPaths } from "./wasm-paths.js";

export type BackendName = "wasm" | "webgl" | "cpu";

export const BACKEND_ORDER: readonly BackendName[] = ["wasm", "webgl", "cpu"];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why the backend could not be used (absent when ok). */
  reason?: string;
}

export interface BackendReport {
  /** The active backend, as tf.getBackend() names it. */
  active: string;
  attempts: BackendAttempt[];
}

let lastReport: BackendReport | undefined;

/** What the last selectBackend call tried, and why any backend was skipped. */
export function backendReport(): BackendReport | undefined {
  return lastReport;
}

let wasmPathsSet = false;

function setWasmPathsOnce(paths: () => WasmPaths): void {
  if (wasmPathsSet) return;
  setWasmPaths(paths());
  wasmPathsSet = true;
}

function precheck(name: BackendName): string | undefined {
  if (name === "wasm" && typeof WebAssembly !== "object") return "WebAssembly is not available";
  if (name === "webgl") {
    // In a worker, tfjs draws on an OffscreenCanvas (WebGL 2 only).
    if (typeof document === "undefined") {
      if (typeof OffscreenCanvas === "undefined") return "no canvas in this worker (no OffscreenCanvas)";
      if (!new OffscreenCanvas(1, 1).getContext("webgl2")) return "WebGL 2 is not available on an OffscreenCanvas";
      return undefined;
    }
    const canvas = document.createElement("canvas");
    if (!canvas.getContext("webgl2") && !canvas.getContext("webgl")) return "WebGL is not available";
  }
  return undefined;
}

/** tf.setBackend reports failure as `false` and logs the error; keep that log as the reason. */
async function trySetBackend(name: BackendName, wasmPaths: () => WasmPaths): Promise<string | undefined> {
  const skip = precheck(name);
  if (skip) return skip;
  if (name === "wasm") setWasmPathsOnce(wasmPaths);
  const messages: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    messages.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
  };
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return messages.join("; ") || `tf.setBackend("${name}") failed`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    console.warn = warn;
    if (messages.length) warn(...messages);
  }
}

/**
 * Sets up TensorFlow.js with `preferred` or, failing that, the next backend that works.
 * Resolves to the active backend's name; backendReport() says what was tried. A worker passes the wasm
 * binaries' URLs it got from the page.
 */
export async function selectBackend(
  preferred: BackendName = "wasm",
  wasmPaths: () => WasmPaths = siteWasmPaths,
): Promise<string> {
  const order = [preferred, ...BACKEND_ORDER.filter((name) => name !== preferred)];
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    if (tf.getBackend() === name && tf.findBackend(name)) {
      attempts.push({ name, ok: true });
      break;
    }
    const reason = await trySetBackend(name, wasmPaths);
    attempts.push(reason === undefined ? { name, ok: true } : { name, ok: false, reason });
    if (reason === undefined) break;
  }
  const succeeded = attempts.some((a) => a.ok);
  lastReport = { active: succeeded ? tf.getBackend() : "none", attempts };
  if (!succeeded) {
    throw new Error(
      `No TensorFlow.js backend could start: ${attempts.map((a) => `${a.name}: ${a.reason}`).join("; ")}`,
    );
  }
  return lastReport.active;
}
