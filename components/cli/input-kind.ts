// Which processor handles an input, by its file extension. Another kind of input (video, issue 14) adds its
// extensions to INPUT_EXTENSIONS and its processor to process-input.ts; the walk and the dispatch follow.

export type InputKind = "image";

export const INPUT_EXTENSIONS: Readonly<Record<InputKind, ReadonlySet<string>>> = {
  image: new Set([".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff", ".avif", ".heic", ".svg", ".bmp"]),
};

/** The file name's extension, lower-cased with its dot (".jpg"), or "" when it has none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** The kind of input a file is by its extension, or undefined when no processor takes it. */
export function inputKind(path: string): InputKind | undefined {
  const extension = extensionOf(path);
  for (const [kind, extensions] of Object.entries(INPUT_EXTENSIONS))
    if (extensions.has(extension)) return kind as InputKind;
  return undefined;
}
