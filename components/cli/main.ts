// fuzzy-people: hide the people in photos and videos from the command line, with the same stages and defaults
// as the site. One bad file is reported by name and reason; the others are still processed.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { NodeBackend } from "../node/backend.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../node/image-file.js";
import { DEFAULT_SETTINGS, type PipelineSettings, resolveSettings } from "../pipeline/settings.js";
import { resolveVideoSettings } from "../pipeline/video-settings.js";
import { type BatchOptions, runBatch } from "./batch.js";
import { mergeReportsCommand } from "./merge-reports-command.js";
import type { OutputSettings } from "./report.js";
import { parseShard } from "./shard.js";
import { VIDEO_HELP, VIDEO_OPTIONS, videoOverridesFrom } from "./video-options.js";

const DEFAULT_MODELS = fileURLToPath(new URL("../../data/models", import.meta.url));

/** JPEG and lossy WebP quality: one re-encode at 92 keeps PSNR above 42 dB on the samples (README, bench). */
export const DEFAULT_QUALITY = 92;

const HELP = `Usage: fuzzy-people [options] --out-dir DIR <image, video, folder>...
       fuzzy-people merge-reports [--out FILE] REPORT...

Hides the people in each image and video. Folders are walked to any depth and mirrored under DIR: for an input
PATH/NAME.jpg writes DIR/PATH/NAME.jpg, in the photo's own format (JPEG, PNG or WebP; PNG for the
others), same size, no metadata (EXIF orientation is applied), and with --mask DIR/PATH/NAME.mask.png
(255 where a pixel was replaced, 0 elsewhere).

The report (beside DIR by default, as DIR.report.json, since it holds the seed) records each input with
its size, modification time and settings: the same command run again, after it finished or was
interrupted, skips what is done. Ctrl-C stops after the inputs in flight.

Options (defaults are the site's):
  --out-dir DIR          where to write the results (required)
  --mask                 also write NAME.mask.png
  --report FILE          the JSON report, one entry per input (DIR.report.json)
  --files-from FILE      also take the paths listed in FILE, one per line or NUL-separated ("-": stdin);
                         each is mirrored under DIR by its path from the current folder
  --jobs N               worker threads, each with its own models (the number of cores: ${availableParallelism()})
  --shard I/N            process only the I-th of N slices of the sorted inputs (another machine does the rest)
  --force                process every input, even those an earlier run did with the same settings
  --format F             write every output as jpeg, png or webp
  --quality N            JPEG and lossy WebP quality, 1–100 (${DEFAULT_QUALITY})
  --keep-icc             keep an RGB or grey colour profile (pixels stay in it); otherwise colours become sRGB
  --score N              detector score a box needs to count as a person (${DEFAULT_SETTINGS.scoreThreshold})
  --max-people N         hide at most N people per image (${DEFAULT_SETTINGS.maxPeople})
  --mode M               segmentation: boxes, multi or union (${DEFAULT_SETTINGS.mode})
  --threshold N          person probability a pixel needs to be masked (${DEFAULT_SETTINGS.segmentationThreshold})
  --resolution R         BodyPix internal resolution: low, medium, high, full (${DEFAULT_SETTINGS.internalResolution})
  --growth N             grow the mask by N pixels (${DEFAULT_SETTINGS.growth})
  --method M             fuzz, pixelate, blur, fill or background (${DEFAULT_SETTINGS.method})
  --radius N             strength in pixels: fuzz radius, mosaic half-block, blur, background jitter (${DEFAULT_SETTINGS.radius})
  --seed N               random seed; the same seed gives the same output (a fresh secret one, written
                         to the report and reused when the command is run again: with fuzz, anyone who
                         knows the seed can undo much of it)
  --backend B            tfjs backend: wasm or cpu (wasm)
  --models DIR           model files, laid out as data/models (${DEFAULT_MODELS})
  -q, --quiet            print only errors (no progress)
  -h, --help             show this help

${VIDEO_HELP}`;

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "out-dir": { type: "string" },
      mask: { type: "boolean" },
      report: { type: "string" },
      "files-from": { type: "string" },
      jobs: { type: "string" },
      shard: { type: "string" },
      force: { type: "boolean" },
      format: { type: "string" },
      quality: { type: "string" },
      "keep-icc": { type: "boolean" },
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

type Options = ReturnType<typeof parseOptions>["values"];

export async function main(argv: string[], log = console.error): Promise<number> {
  if (argv[0] === "merge-reports") return mergeReportsCommand(argv.slice(1), log);
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
  if (!outDir || (positionals.length === 0 && options["files-from"] === undefined)) {
    log(`fuzzy-people: ${outDir ? "give at least one image or folder" : "--out-dir is required"}\n\n${HELP}`);
    return 2;
  }
  let batch: BatchOptions;
  try {
    batch = batchOptions(options, positionals, outDir);
  } catch (error) {
    log(`fuzzy-people: ${(error as Error).message}`);
    return 2;
  }
  try {
    return await runBatch(batch);
  } catch (error) {
    log(`fuzzy-people: ${(error as Error).message}`);
    return 2;
  }
}

/** Checks every option before anything is loaded; throws a RangeError naming the first bad one. */
function batchOptions(options: Options, paths: string[], outDir: string): BatchOptions {
  const settings = settingsFrom(options);
  const video = videoOverridesFrom(options);
  resolveVideoSettings({ ...resolveSettings(settings), ...video });
  if (options.backend !== "wasm" && options.backend !== "cpu")
    throw new RangeError(`--backend must be wasm or cpu, got ${options.backend}`);
  const jobs = options.jobs === undefined ? availableParallelism() : integer("jobs", options.jobs, 1, 256);
  const quality = options.quality === undefined ? DEFAULT_QUALITY : integer("quality", options.quality, 1, 100);
  const format = options.format === "jpg" ? "jpeg" : (options.format ?? "own");
  if (format !== "own" && !OUTPUT_FORMATS.includes(format as OutputFormat))
    throw new RangeError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}, got ${options.format}`);
  const output: OutputSettings = {
    format: format as OutputSettings["format"],
    quality,
    mask: Boolean(options.mask),
    keepIcc: Boolean(options["keep-icc"]),
  };
  return {
    outDir,
    paths,
    ...(options["files-from"] !== undefined ? { filesFrom: options["files-from"] } : {}),
    ...(options.report !== undefined ? { report: options.report } : {}),
    ...(options.shard !== undefined ? { shard: parseShard(options.shard) } : {}),
    jobs,
    force: Boolean(options.force),
    quiet: Boolean(options.quiet),
    backend: options.backend as NodeBackend,
    modelsDir: options.models,
    settings,
    video,
    output,
  };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function settingsFrom(options: Options): Partial<PipelineSettings> {
  const number = (flag: keyof Options): number | undefined => {
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
