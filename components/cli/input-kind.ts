// Which processor handles an input, by its file extension: photos (process-image.ts) and videos
// (process-video.ts). Another kind adds its extensions to INPUT_EXTENSIONS and its case to process-input.ts;
// the walk and the dispatch follow.
import { VIDEO_EXTENSIONS } from "../node/video-file.js";

export type InputKind = "image" | "video";

/**
 * `.ts` and `.mts` are MPEG transport streams (camcorders, broadcast recordings) but also TypeScript files, which
 * a folder of a project may hold: videos when named on the command line, not when met in a folder.
 */
const NAMED_ONLY_VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([".ts", ".mts"]);

export const INPUT_EXTENSIONS: Readonly<Record<InputKind, ReadonlySet<string>>> = {
  image: new Set([".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif", ".heic", ".svg", ".bmp"]),
  video: new Set([...VIDEO_EXTENSIONS].filter((extension) => !NAMED_ONLY_VIDEO_EXTENSIONS.has(extension))),
};

/** The file name's extension, lower-cased with its dot (".jpg"), or "" when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** The kind of input a file met in a folder is by its extension, or undefined when no processor takes it. */
export function inputKind(path: string): InputKind | undefined {
  const extension = extensionOf(path);
  for (const [kind, extensions] of Object.entries(INPUT_EXTENSIONS))
    if (extensions.has(extension)) return kind as InputKind;
  return undefined;
}

/** The kind of a file named on the command line: taken whatever its extension (the processor says if unusable). */
export function namedInputKind(path: string): InputKind {
  return inputKind(path) ?? (NAMED_ONLY_VIDEO_EXTENSIONS.has(extensionOf(path)) ? "video" : "image");
}
