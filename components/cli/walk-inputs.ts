// The inputs of a batch: files named directly, folders walked to any depth, and lists of paths (--files-from).
// Each input keeps the relative path its output takes under --out-dir, so the input tree is mirrored and two
// a.jpg in different folders never collide. A symbolic link loop or an unreadable folder is reported, and
// the walk goes on.
import type { Dirent } from "node:fs";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { type InputKind, inputKind, namedInputKind } from "./input-kind.js";

export interface FoundInput {
  readonly path: string;
  /** Where its output goes, relative to --out-dir, with the input's own extension. */
  readonly mirror: string;
  readonly kind: InputKind;
  readonly size: number;
  readonly mtimeMs: number;
}

/** A path that gave no input: `error` when inputs may have been missed (unreadable), `warning` otherwise. */
export interface WalkProblem {
  readonly path: string;
  readonly error?: string;
  readonly warning?: string;
}

export type WalkResult = FoundInput | WalkProblem;

export interface WalkRoot {
  readonly path: string;
  /** The output path of the root itself: a file's, or the folder whose tree is mirrored ("" for --out-dir itself). */
  readonly mirror: string;
}

/** A command-line path: a file's output is named after it, a folder's contents go straight into --out-dir. */
export async function commandLineRoot(path: string): Promise<WalkRoot> {
  const isFolder = await stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return { path, mirror: isFolder ? "" : (path.split(sep).filter(Boolean).pop() ?? path) };
}

/**
 * A --files-from path mirrors its whole path: relative to the current folder when it is inside it, else from
 * the file system's root ("../x/a.jpg" from /w/y goes to OUT/w/x/a.jpg), so no output escapes --out-dir.
 */
export function listedRoot(path: string, cwd = process.cwd()): WalkRoot {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  const mirror = inside.startsWith("..") || isAbsolute(inside) ? absolute.replace(/^[/\\]+/, "") : inside;
  return { path, mirror };
}

/** The paths in a --files-from list ("-" reads stdin): one per line, or NUL-separated (find -print0). */
export async function readPathList(file: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  let text: string;
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    text = Buffer.concat(chunks).toString("utf8");
  } else {
    text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new Error(`--files-from ${file} cannot be read (${error.code ?? error.message})`);
    });
  }
  const paths = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return paths.filter((p) => p.trim() !== "");
}

/**
 * Every input under `roots`, in order: roots as given, each folder's entries sorted by name (code units) and
 * walked depth first. Names starting with "." are skipped in folders, and so are folders in `exclude`
 * (real paths: the output folder, when it lies inside an input folder). Named files are taken whatever their
 * extension (the processor says if they are unusable); files met in folders only with a known extension.
 */
export async function walkInputs(roots: readonly WalkRoot[], exclude: readonly string[] = []): Promise<WalkResult[]> {
  const results: WalkResult[] = [];
  const excluded = new Set(exclude);

  async function visitFolder(path: string, mirror: string, ancestors: ReadonlySet<string>): Promise<void> {
    const real = await realpath(path);
    if (excluded.has(real)) return;
    if (ancestors.has(real)) {
      results.push({ path, warning: `symbolic link loop: ${path} leads back to ${real}, not followed` });
      return;
    }
    let entries: Dirent[];
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      results.push({ path, error: `folder cannot be read (${reason(error)})` });
      return;
    }
    const inside = new Set(ancestors).add(real);
    const names = entries.filter((e) => !e.name.startsWith(".")).sort((a, b) => (a.name < b.name ? -1 : 1));
    // Files of one folder are stat'ed together; folders are walked in order so the result stays sorted.
    const found = await Promise.all(
      names.map((entry) =>
        entry.isDirectory() || entry.isSymbolicLink() || inputKind(entry.name)
          ? visit(join(path, entry.name), join(mirror, entry.name), inside, false)
          : undefined,
      ),
    );
    for (const item of found) if (item) await item();
  }

  /** Stats the path now; returns how to add it (a file's entry, or the folder's walk) so order is kept. */
  async function visit(
    path: string,
    mirror: string,
    ancestors: ReadonlySet<string>,
    named: boolean,
  ): Promise<(() => Promise<void>) | undefined> {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      const problem: WalkProblem =
        info.code === "ELOOP"
          ? { path, warning: "symbolic link loop: the link never reaches a file, not followed" }
          : { path, error: info.code === "ENOENT" ? "no such file or folder" : `cannot be read (${reason(info)})` };
      return async () => void results.push(problem);
    }
    if (info.isDirectory()) return () => visitFolder(path, mirror, ancestors);
    const kind = named ? namedInputKind(path) : inputKind(path);
    if (!info.isFile() || !kind)
      return named ? async () => void results.push({ path, error: "not a regular file" }) : undefined;
    return async () => void results.push({ path, mirror, kind, size: info.size, mtimeMs: info.mtimeMs });
  }

  for (const root of roots) await (await visit(root.path, root.mirror, new Set(), true))?.();
  return results;
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === "EACCES" ? "permission denied" : (code ?? message);
}
