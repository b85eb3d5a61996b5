// fuzzy-people: hide the people in image files from the command line, with the same stages and defaults
// as the site. One bad file is reported by name and reason; the others are still processed.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { secretSeed } from "../core/random.js";
import { loadDetector } from "../models/detector.js";
import { loadSegmenter } from "../models/segmenter.js";
import { type NodeBackend, useNodeBackend } from "../node/backend.js";
import { decodeImage, encodeMaskPng, encodePng } from "../node/image-file.js";
import { diskModelSource } from "../node/model-source.js";
import { isVideoPath } from "../node/video-file.js";
import { type Models, type PipelineReport, runPipeline } from "../pipeline/run.js";
import { DEFAULT_SETTINGS, type PipelineSettings, resolveSettings } from "../pipeline/settings.js";
import { processVideo, VIDEO_HELP, VIDEO_OPTIONS, type VideoReport, videoSettingsFrom } from "./video.js";

const IMAGE_EXTENSIONS = new Set([
  ".jpg",
  ".jpeg",
  ".png",
  ".gif",
  ".webp",
  ".tif",
  ".tiff",
  ".avif",
  ".heic",
  ".svg",
  ".bmp",
]);
const DEFAULT_MODELS = fileURLToPath(new URL("../../data/models", import.meta.url));

const HELP = `Usage: fuzzy-people [options] --out-dir DIR <image or folder>...

Hides the people in each image. For an input NAME.ext writes DIR/NAME.png (same size, no metadata)
and, with --mask, DIR/NAME.mask.png (255 where a pixel was replaced, 0 elsewhere).
Folders are read one level deep, taking files with image extensions.

Options (defaults are the site's):
  --out-dir DIR          where to write the results (required)
  --mask                 also write NAME.mask.png
  --report FILE          write a JSON report, one entry per input
  --score N              detector score a box needs to count as a person (${DEFAULT_SETTINGS.scoreThreshold})
  --max-people N         hide at most N people per image (${DEFAULT_SETTINGS.maxPeople})
  --mode M               segmentation: boxes, multi or union (${DEFAULT_SETTINGS.mode})
  --threshold N          person probability a pixel needs to be masked (${DEFAULT_SETTINGS.segmentationThreshold})
  --resolution R         BodyPix internal resolution: low, medium, high, full (${DEFAULT_SETTINGS.internalResolution})
  --growth N             grow the mask by N pixels (${DEFAULT_SETTINGS.growth})
  --method M             fuzz, pixelate, blur, fill or background (${DEFAULT_SETTINGS.method})
  --radius N             strength in pixels: fuzz radius, mosaic half-block, blur, background jitter (${DEFAULT_SETTINGS.radius})
  --seed N               random seed; the same seed gives the same output (a fresh secret one, written
                         to the report: with fuzz, anyone who knows the seed can undo much of it)
  --backend B            tfjs backend: wasm or cpu (wasm)
  --models DIR           model files, laid out as data/models (${DEFAULT_MODELS})
  -q, --quiet            print only errors
  -h, --help             show this help

${VIDEO_HELP}`;

interface Entry {
  readonly input: string;
  readonly output?: string;
  readonly mask?: string;
  readonly error?: string;
  readonly notes?: string[];
  readonly report?: PipelineReport | VideoReport;
  readonly summary?: string;
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "out-dir": { type: "string" },
      mask: { type: "boolean" },
      report: { type: "string" },
      score: { type: "string" },
      "max-people": { type: "string" },
      mode: { type: "string" },
      threshold: { type: "string" },
      resolution: { type: "string" },
      growth: { type: "string" },
      method: { type: "string" },
      radius: { type: "string" },
      seed: { type: "string" },
      backend: { type: "string", default: "wasm" },
      models: { type: "string", default: DEFAULT_MODELS },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
      ...VIDEO_OPTIONS,
    },
  });
}

export async function main(argv: string[], log = console.error): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    log(`fuzzy-people: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: options, positionals } = parsed;
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const outDir = options["out-dir"];
  if (!outDir || positionals.length === 0) {
    log(`fuzzy-people: ${outDir ? "give at least one image or folder" : "--out-dir is required"}\n\n${HELP}`);
    return 2;
  }
  let settings: PipelineSettings;
  try {
    settings = resolveSettings({ seed: secretSeed(), ...settingsFrom(options) });
    if (options.backend !== "wasm" && options.backend !== "cpu")
      throw new RangeError(`--backend must be wasm or cpu, got ${options.backend}`);
    videoSettingsFrom(settings, options); // checks the video flags before anything loads
  } catch (error) {
    log(`fuzzy-people: ${(error as Error).message}`);
    return 2;
  }

  const inputs = await listInputs(positionals);
  let models: Models;
  try {
    await useNodeBackend(options.backend as NodeBackend);
    const source = diskModelSource(options.models);
    models = { detector: await loadDetector(source), segmenter: await loadSegmenter(source) };
  } catch (error) {
    log(`fuzzy-people: ${(error as Error).message}`);
    return 2;
  }

  await mkdir(outDir, { recursive: true });
  const entries: Entry[] = [];
  const taken = new Map<string, string>();
  for (const [index, input] of inputs.entries()) {
    const name = basename(input.path, extname(input.path));
    const prefix = inputs.length > 1 ? `[${index + 1}/${inputs.length}] ` : "";
    const clash = taken.get(name);
    const entry = input.error
      ? { input: input.path, error: input.error }
      : clash
        ? { input: input.path, error: `output name ${name}.png is already used by ${clash}` }
        : isVideoPath(input.path)
          ? await processVideo(input.path, name, {
              outDir,
              withMask: Boolean(options.mask),
              models,
              settings: videoSettingsFrom(settings, options),
              ...(options.quiet ? {} : { progress: process.stderr }),
            })
          : await processFile(input.path, name, outDir, Boolean(options.mask), models, settings);
    taken.set(name, input.path);
    entries.push(entry);
    if (entry.error) log(`${prefix}${input.path}: ${entry.error}`);
    else if (!options.quiet)
      log(
        `${prefix}${input.path}: ${entry.summary ?? summary(entry.report as PipelineReport)}${entry.notes?.length ? ` (${entry.notes.join("; ")})` : ""}`,
      );
  }
  if (options.report) await writeFile(options.report, `${JSON.stringify(entries, null, 2)}\n`);
  const failed = entries.filter((e) => e.error).length;
  if (failed > 0) log(`fuzzy-people: ${failed} of ${entries.length} files could not be processed`);
  return failed > 0 ? 1 : 0;
}

function settingsFrom(options: Record<string, string | boolean | undefined>): Partial<PipelineSettings> {
  const number = (flag: string): number | undefined => {
    const text = options[flag];
    if (typeof text !== "string") return undefined;
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value))
      throw new RangeError(`--${flag} must be a number, got "${text}"`);
    return value;
  };
  const entries: Array<[keyof PipelineSettings, unknown]> = [
    ["scoreThreshold", number("score")],
    ["maxPeople", number("max-people")],
    ["mode", options.mode],
    ["segmentationThreshold", number("threshold")],
    ["internalResolution", options.resolution],
    ["growth", number("growth")],
    ["method", options.method],
    ["radius", number("radius")],
    ["seed", number("seed")],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

async function listInputs(paths: string[]): Promise<Array<{ path: string; error?: string }>> {
  const inputs: Array<{ path: string; error?: string }> = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) inputs.push({ path, error: "no such file or folder" });
    else if (info.isDirectory()) {
      const names = (await readdir(path)).filter(
        (n) => !n.startsWith(".") && IMAGE_EXTENSIONS.has(extname(n).toLowerCase()),
      );
      inputs.push(...names.sort().map((n) => ({ path: join(path, n) })));
    } else inputs.push({ path });
  }
  return inputs;
}

async function processFile(
  path: string,
  name: string,
  outDir: string,
  withMask: boolean,
  models: Models,
  settings: PipelineSettings,
): Promise<Entry> {
  try {
    const { image, notes } = await decodeImage(await readFile(path));
    const { output, mask, report } = await runPipeline(image, models, settings);
    const files: Array<[string, Buffer]> = [[join(outDir, `${name}.png`), await encodePng(output)]];
    if (withMask) files.push([join(outDir, `${name}.mask.png`), await encodeMaskPng(mask)]);
    await writeAll(files);
    return { input: path, output: files[0]![0], ...(withMask ? { mask: files[1]![0] } : {}), notes, report };
  } catch (error) {
    return { input: path, error: (error as Error).message };
  }
}

/** Writes every file under a temporary name first, so a failure never leaves a half-written result. */
async function writeAll(files: Array<[string, Buffer]>): Promise<void> {
  const partial = files.map(([path]) => `${path}.partial`);
  try {
    await Promise.all(files.map(([, bytes], i) => writeFile(partial[i]!, bytes)));
    await Promise.all(files.map(([path], i) => rename(partial[i]!, path)));
  } finally {
    await Promise.all(partial.map((p) => rm(p, { force: true })));
  }
}

function summary(report: PipelineReport): string {
  if (!report.hidden) return "no people found: nothing was hidden";
  const n = report.peopleFound;
  const percent = (report.maskShare * 100).toFixed(1);
  const ms = Object.values(report.timingsMs).reduce((a, b) => a + b, 0);
  return `${n} ${n === 1 ? "person" : "people"} hidden, ${percent}% of pixels replaced (${Math.round(ms)} ms)`;
}
