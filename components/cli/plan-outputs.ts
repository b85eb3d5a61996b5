// Where each input's results go under --out-dir: its mirrored path, a photo in its own format or --format's, a
// video in its own container or MP4, with the mask beside it. Two inputs that would write the same file, or an
// output that would replace an input, are refused by name before anything runs.
import { join, resolve } from "node:path";
import type { OutputFormat } from "../node/image-file.js";
import { outputFormatFor } from "../node/video-file.js";
import { extensionOf } from "./input-kind.js";
import type { ImageTask, InputTask, VideoTask } from "./process-input.js";
import type { OutputSettings } from "./report.js";
import type { FoundInput } from "./walk-inputs.js";

const FORMAT_OF_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".png": "png",
  ".webp": "webp",
};
const EXTENSION_OF_FORMAT: Readonly<Record<OutputFormat, string>> = { jpeg: ".jpg", png: ".png", webp: ".webp" };

/** JPEG stays JPEG, PNG PNG, WebP WebP; every other image format becomes PNG (lossless). */
export function imageOutputFormat(path: string, override: OutputSettings["format"]): OutputFormat {
  return override !== "own" ? override : (FORMAT_OF_EXTENSION[extensionOf(path)] ?? "png");
}

function withoutExtension(path: string): string {
  const extension = extensionOf(path);
  return extension ? path.slice(0, -extension.length) : path;
}

/** The task for one input: its outputs, named by its kind. */
export function planTask(input: FoundInput, outDir: string, settings: OutputSettings): InputTask {
  return input.kind === "video" ? planVideo(input, outDir, settings) : planImage(input, outDir, settings);
}

/** A photo's output (the input's own name when the format is unchanged) and mask (PNG). */
function planImage(input: FoundInput, outDir: string, settings: OutputSettings): ImageTask {
  const format = imageOutputFormat(input.path, settings.format);
  const sameName = FORMAT_OF_EXTENSION[extensionOf(input.mirror)] === format;
  const name = sameName ? input.mirror : `${withoutExtension(input.mirror)}${EXTENSION_OF_FORMAT[format]}`;
  return {
    input: input.path,
    kind: "image",
    size: input.size,
    mtimeMs: input.mtimeMs,
    output: join(outDir, name),
    ...(settings.mask ? { mask: join(outDir, `${withoutExtension(input.mirror)}.mask.png`) } : {}),
    format,
  };
}

/**
 * A video's output in its own container where ffmpeg writes one browsers play, else MP4 (the input's own name
 * when the container is kept), and its mask video in the same container. --format is for photos only.
 */
function planVideo(input: FoundInput, outDir: string, settings: OutputSettings): VideoTask {
  const { extension } = outputFormatFor(input.path);
  const sameName = extensionOf(input.mirror) === extension;
  const base = withoutExtension(input.mirror);
  return {
    input: input.path,
    kind: "video",
    size: input.size,
    mtimeMs: input.mtimeMs,
    output: join(outDir, sameName ? input.mirror : `${base}${extension}`),
    ...(settings.mask ? { mask: join(outDir, `${base}.mask${extension}`) } : {}),
  };
}

/** The tasks, or for an input whose files clash with an earlier input's (or with an input), the reason. */
export function planTasks(
  inputs: readonly FoundInput[],
  outDir: string,
  settings: OutputSettings,
): Array<InputTask | { input: string; error: string }> {
  const inputPaths = new Set(inputs.map((i) => resolve(i.path)));
  const taken = new Map<string, string>();
  return inputs.map((input) => {
    const task = planTask(input, outDir, settings);
    const files = [task.output, ...(task.mask ? [task.mask] : [])];
    for (const file of files) {
      const key = resolve(file);
      if (inputPaths.has(key)) return { input: input.path, error: `its output ${file} would replace an input` };
      const other = taken.get(key);
      if (other !== undefined) return { input: input.path, error: `output name ${file} is already used by ${other}` };
    }
    for (const file of files) taken.set(resolve(file), input.path);
    return task;
  });
}
