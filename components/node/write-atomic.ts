// Writing results so that a file at its final name is always complete: each file is written under a hidden
// temporary name beside it, flushed to disk, then renamed (atomic within a folder). A run that is killed
// mid-write leaves only the temporary file; its name is fixed, so the next run writing that output replaces
// it, and removePartials() clears it for outputs that need no new write. A file another program writes (a
// video, by ffmpeg) is written at partialPath() and given its final name by commitPartials().
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** The temporary name `path` is written under: hidden (a leading dot), so folder walks skip it. */
export function partialPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.partial`);
}

/** Writes every file (creating folders as needed); on any failure none of them is left at its final name. */
export async function writeFilesAtomically(files: ReadonlyArray<readonly [string, Uint8Array]>): Promise<void> {
  const partial = files.map(([path]) => partialPath(path));
  try {
    await Promise.all(
      files.map(async ([path, bytes], i) => {
        await mkdir(dirname(path), { recursive: true });
        const handle = await open(partial[i]!, "w");
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    await Promise.all(files.map(([path], i) => rename(partial[i]!, path)));
  } finally {
    await removePartials(files.map(([path]) => path));
  }
}

/** Flushes the temporary files of `paths`, written by another program, to disk, then renames each to its path. */
export async function commitPartials(paths: readonly string[]): Promise<void> {
  await Promise.all(
    paths.map(async (path) => {
      const handle = await open(partialPath(path), "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }),
  );
  await Promise.all(paths.map((path) => rename(partialPath(path), path)));
}

/** Removes the temporary files of `paths`, if a killed run left any. */
export async function removePartials(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(partialPath(path), { force: true })));
}
