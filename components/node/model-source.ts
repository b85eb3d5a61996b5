import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ModelSource } from "../models/model-source.js";

/** Model files read from a folder laid out like data/models (filled by `npm run models`). */
export function diskModelSource(folder = "data/models"): ModelSource {
  const root = resolve(folder);
  return {
    url: (path) => pathToFileURL(join(root, path)).href,
    fetch: (async (input: string | URL | Request) => {
      const path = fileURLToPath(typeof input === "string" || input instanceof URL ? input : input.url);
      const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(`model file ${path} cannot be read (${error.code ?? error.message}); run \`npm run models\``);
      });
      return new Response(bytes);
    }) as typeof fetch,
  };
}
