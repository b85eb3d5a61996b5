// What a run of the command left in a folder: every file below it, hidden ones (temporary files) included.
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** Every file below `dir`, hidden ones included, as sorted relative paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
