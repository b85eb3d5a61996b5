// One photo: decode (orientation applied, metadata dropped), hide the people, encode in the output format
// (keeping the source's JPEG chroma subsampling, progressive scan or lossless WebP when the format is the same;
// a lossy output no worse outside the mask than the input encoded once), and write the output and mask so
// that no partial file is left.
import { readFile } from "node:fs/promises";
import { decodeImage, type EncodeOptions, encodeImage, encodeMaskPng } from "../node/image-file.js";
import { encodeLossy } from "../node/lossy-encode.js";
import { writeFilesAtomically } from "../node/write-atomic.js";
import { runPipeline } from "../pipeline/run.js";
import type { ImageTask, ProcessContext } from "./process-input.js";
import type { ReportEntry } from "./report.js";

export async function processImage(
  task: ImageTask,
  { models, settings, output: outputSettings }: ProcessContext,
): Promise<Omit<ReportEntry, "input" | "kind" | "size" | "mtimeMs" | "options">> {
  const decoded = await decodeImage(await readFile(task.input), { keepIcc: outputSettings.keepIcc });
  const { output, mask, report } = await runPipeline(decoded.image, models, settings);
  const options: EncodeOptions = {
    format: task.format,
    quality: outputSettings.quality,
    ...(decoded.format === task.format ? { encoding: decoded.encoding } : {}),
    ...(decoded.icc ? { icc: decoded.icc } : {}),
  };
  const lossy = task.format === "jpeg" || (task.format === "webp" && !options.encoding?.lossless);
  const encoded = lossy
    ? await encodeLossy(decoded.image, output, mask, options)
    : { bytes: await encodeImage(output, options) };
  const files: Array<[string, Uint8Array]> = [[task.output, encoded.bytes]];
  if (task.mask) files.push([task.mask, await encodeMaskPng(mask)]);
  await writeFilesAtomically(files);
  return {
    output: task.output,
    ...(task.mask ? { mask: task.mask } : {}),
    format: task.format,
    bytes: encoded.bytes.length,
    ...("psnr" in encoded ? { quality: encoded.quality, psnr: encoded.psnr } : {}),
    ...(decoded.notes.length ? { notes: decoded.notes } : {}),
    report,
  };
}
