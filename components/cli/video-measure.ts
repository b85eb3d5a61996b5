// One measured export: a clip hidden exactly as the command line hides it (decode, frame pipeline, encode),
// timed, then checked frame by frame for anyone the detector still finds. Shared by the video benchmark and
// `npm run video-eval`, so both report the same figure the same way.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { outputFormatFor } from "../node/video-file.js";
import { clipPrivacy } from "../node/video-privacy.js";
import type { ClipPrivacy } from "../pipeline/frame-privacy.js";
import type { Models } from "../pipeline/run.js";
import { resolveVideoSettings, type VideoSettings } from "../pipeline/video-settings.js";
import { processVideo } from "./process-video.js";

export interface MeasuredExport {
  readonly settings: VideoSettings;
  /** Frames hidden per second, decoding and encoding included (model loading excluded). */
  readonly fps: number;
  /**
   * Frames per second of this process's CPU time (all its threads; ffmpeg's own processes not counted): what the
   * export's wall-clock rate would be with a core to itself, a steadier figure than `fps` on a shared machine.
   */
  readonly cpuFps: number;
  readonly frames: number;
  /** Frames in which the models ran. */
  readonly detected: number;
  readonly segmented: number;
  readonly privacy: Omit<ClipPrivacy, "perFrame">;
  /** Frames in which someone the detector finds on the original is still found after hiding, over frames with people. */
  readonly stillFoundShare: number;
  /** Smallest share of a found person's box replaced, over every frame and person. */
  readonly minReplaced: number;
}

export async function measureExport(
  models: Models,
  clip: string,
  settings: Partial<VideoSettings>,
): Promise<MeasuredExport> {
  const outDir = await mkdtemp(join(tmpdir(), "fuzzy-video-measure-"));
  try {
    const cpu = process.cpuUsage();
    const output = join(outDir, `clip${outputFormatFor(clip).extension}`);
    const { video: report } = await processVideo(
      { input: clip, output },
      { models, video: resolveVideoSettings(settings) },
    );
    const { user, system } = process.cpuUsage(cpu);
    const { perFrame, ...privacy } = await clipPrivacy(models.detector, clip, output);
    return {
      settings: report.settings,
      fps: report.fps,
      cpuFps: Math.round((report.frames / ((user + system) / 1e6)) * 100) / 100,
      frames: report.frames,
      detected: report.perFrame.filter((f) => f.detected).length,
      segmented: report.perFrame.filter((f) => f.segmented).length,
      privacy,
      stillFoundShare: privacy.framesWithPeople ? privacy.framesStillFound / privacy.framesWithPeople : 0,
      minReplaced: Math.min(1, ...perFrame.flatMap((f) => f.people.map((p) => p.replaced))),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
