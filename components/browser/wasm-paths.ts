// Where this site serves the tfjs wasm backend's binaries. Its own module, without tfjs, so a page can give a
// worker these URLs without loading tfjs itself.

/** Served URLs of the wasm backend's binaries, by file name (as tfjs-backend-wasm's setWasmPaths takes them). */
export type WasmPaths = Record<
  "tfjs-backend-wasm.wasm" | "tfjs-backend-wasm-simd.wasm" | "tfjs-backend-wasm-threaded-simd.wasm",
  string
>;

/**
 * import.meta.resolve makes Framework copy the files into dist/ and gives their served URLs, so the backend
 * never asks a CDN for them. Called in the page: a worker gets these URLs from the page.
 */
export function siteWasmPaths(): WasmPaths {
  return {
    "tfjs-backend-wasm.wasm": import.meta.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"),
    "tfjs-backend-wasm-simd.wasm": import.meta.resolve(
      "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm",
    ),
    "tfjs-backend-wasm-threaded-simd.wasm": import.meta.resolve(
      "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm",
    ),
  };
}
