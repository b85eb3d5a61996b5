// Reading and writing video files in Node through Debian's ffmpeg and ffprobe, run as child processes:
// frames travel as raw RGBA (or greyscale) bytes through pipes, so no codec or container code lives here.
import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { promisify } from "node:util";
import type { Mask, RgbaImage } from "../core/types.js";

const run = promisify(execFile);

/** File extensions the command line treats as video (ffmpeg reads many more; these are the common ones). */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set([
  ".avi",
  ".mp4",
  ".m4v",
  ".mov",
  ".mkv",
  ".webm",
  ".mpg",
  ".mpeg",
  ".ts",
  ".mts",
  ".wmv",
  ".flv",
  ".ogv",
  ".3gp",
]);

export interface VideoInfo {
  readonly width: number;
  readonly height: number;
  /** The video stream's frame rate as ffprobe gives it, an exact fraction such as "10/1" or "30000/1001". */
  readonly frameRate: string;
  /** The same as a number of frames per second. */
  readonly fps: number;
  /**
   * About how many frames the video holds, for progress: duration × frame rate, or the header's count when the
   * duration is unknown. Not a check: a header may count packets (an AVI of H.264 with B-frames counts double).
   */
  readonly expectedFrames?: number;
  readonly durationSeconds?: number;
  /** ffprobe's names, e.g. "h264" in "mov,mp4,m4a,3gp,3g2,mj2". */
  readonly codec: string;
  readonly container: string;
  readonly audioStreams: number;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
}

/** Reads a video's header with ffprobe; throws an Error saying plainly why the file is not a usable video. */
export async function probeVideo(path: string): Promise<VideoInfo> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === "ENOENT" ? "no such file" : `cannot be read (${error.code ?? error.message})`);
  });
  if (info.size === 0) throw new Error("the file is empty");
  let output: string;
  try {
    ({ stdout: output } = await run(
      "ffprobe",
      ["-v", "error", "-show_streams", "-show_format", "-of", "json", "--", path],
      { maxBuffer: 16 * 1024 * 1024 },
    ));
  } catch (error) {
    throw new Error(`not a readable video (${toolMessage("ffprobe", error)})`);
  }
  const probe = JSON.parse(output) as {
    streams?: ProbeStream[];
    format?: { format_name?: string; duration?: string };
  };
  const streams = probe.streams ?? [];
  const video = streams.find((s) => s.codec_type === "video");
  if (!video) throw new Error("not a readable video (no video stream in the file)");
  const { width = 0, height = 0 } = video;
  if (!(width > 0 && height > 0)) throw new Error(`not a readable video (its frame size is ${width}×${height})`);
  const fps = fraction(video.r_frame_rate);
  if (!(fps > 0 && fps <= 1000))
    throw new Error(`not a readable video (frame rate ${video.r_frame_rate} is not usable)`);
  const duration = Number(video.duration ?? probe.format?.duration);
  const expected = Number.isFinite(duration) && duration > 0 ? Math.round(duration * fps) : Number(video.nb_frames);
  return {
    width,
    height,
    frameRate: video.r_frame_rate!,
    fps,
    ...(Number.isInteger(expected) && expected > 0 ? { expectedFrames: expected } : {}),
    ...(Number.isFinite(duration) && duration > 0 ? { durationSeconds: duration } : {}),
    codec: video.codec_name ?? "unknown",
    container: probe.format?.format_name ?? "unknown",
    audioStreams: streams.filter((s) => s.codec_type === "audio").length,
  };
}

function fraction(text: string | undefined): number {
  const [num, den = "1"] = (text ?? "").split("/");
  return Number(num) / Number(den);
}

/** The last line a tool wrote to stderr, or why it could not be started. */
function toolMessage(tool: string, error: unknown): string {
  const { code, stderr } = error as { code?: string | number; stderr?: string };
  if (code === "ENOENT") return `${tool} is not installed; run scripts/ensure-system-packages.sh`;
  const lines = (stderr ?? "").trim().split("\n").filter(Boolean);
  return `${tool}: ${lines.at(-1)?.replace(/^.*?: /, "") ?? `exit status ${code}`}`;
}

/**
 * Decodes every frame of the video's first video stream, in order, as RGBA at its own size. None is
 * skipped or repeated (`-fps_mode passthrough`). Throws when ffmpeg reports a decoding error (a truncated
 * or damaged file), naming the frames read: a damaged clip is refused, not half processed.
 */
export async function* readVideoFrames(path: string, info: VideoInfo): AsyncGenerator<RgbaImage> {
  const frameBytes = info.width * info.height * 4;
  const ffmpeg = startTool("ffmpeg", [
    ...["-v", "error", "-nostdin", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough"],
    ...["-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"],
  ]);
  let read = 0;
  try {
    // Each chunk from the pipe is copied once, straight into the frame it belongs to (a new buffer per frame:
    // the consumer may keep frames while the next ones arrive).
    let frame = new Uint8ClampedArray(frameBytes);
    let filled = 0;
    for await (const chunk of ffmpeg.process.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled < frameBytes) continue;
        read++;
        yield { width: info.width, height: info.height, data: frame };
        frame = new Uint8ClampedArray(frameBytes);
        filled = 0;
      }
    }
    const { code, stderr } = await ffmpeg.done;
    // ffmpeg prefixes messages with the component's address, e.g. "[h264 @ 0x55…] ": not for the user.
    const problem = stderr
      .trim()
      .split("\n")
      .find(Boolean)
      ?.replace(/^\[[^\]]* @ 0x[0-9a-f]+\] /, "");
    if (code !== 0 || problem || filled > 0) {
      throw new Error(
        `the video could not be decoded completely (${problem ? `ffmpeg: ${problem}` : `ffmpeg exit status ${code}`}; ${read} frames read)`,
      );
    }
  } finally {
    ffmpeg.stop();
  }
}

interface RunningTool {
  readonly process: ChildProcessWithoutNullStreams;
  /** Settles when the tool exits, with its exit code and everything it wrote to stderr. */
  readonly done: Promise<{ code: number | null; stderr: string }>;
  /** Ends the tool if it is still running (after an error, or when the consumer stops early). */
  stop(): void;
}

function startTool(tool: string, args: string[]): RunningTool {
  const child = spawn(tool, args, { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    if (stderr.length < 64 * 1024) stderr += text;
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => reject(new Error(toolMessage(tool, error))));
    child.once("close", (code) => resolve({ code, stderr }));
  });
  // Errors are read from `done`; a broken pipe after the tool failed must not crash the process.
  child.stdin.on("error", () => {});
  done.catch(() => {});
  return {
    process: child,
    done,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** How an output container is written: ffmpeg's muxer, the video codec and its options. */
export interface VideoOutputFormat {
  /** Extension of the written file, with the dot. */
  readonly extension: string;
  readonly args: readonly string[];
}

// H.264 in MP4 plays everywhere (browsers included); Matroska and QuickTime take the same stream, WebM takes VP9.
const H264 = ["-c:v", "libx264", "-preset", "fast", "-crf", "18"];
const VIDEO_OUTPUT_FORMATS: Record<string, VideoOutputFormat> = {
  ".mp4": { extension: ".mp4", args: [...H264, "-movflags", "+faststart", "-f", "mp4"] },
  ".m4v": { extension: ".m4v", args: [...H264, "-movflags", "+faststart", "-f", "mp4"] },
  ".mov": { extension: ".mov", args: [...H264, "-movflags", "+faststart", "-f", "mov"] },
  ".mkv": { extension: ".mkv", args: [...H264, "-f", "matroska"] },
  ".webm": {
    extension: ".webm",
    args: ["-c:v", "libvpx-vp9", "-crf", "24", "-b:v", "0", "-deadline", "realtime", "-cpu-used", "8", "-f", "webm"],
  },
};

/** The input's own container where ffmpeg writes it with a codec browsers play; MP4 (H.264) for everything else. */
export function outputFormatFor(inputPath: string): VideoOutputFormat {
  return VIDEO_OUTPUT_FORMATS[extname(inputPath).toLowerCase()] ?? VIDEO_OUTPUT_FORMATS[".mp4"]!;
}

export interface VideoWriter {
  /** Queues one frame; resolves when ffmpeg can take more (back-pressure through the pipe). */
  write(frame: RgbaImage | Mask): Promise<void>;
  /** Ends the stream and waits for ffmpeg to finish the file; throws with ffmpeg's message if it failed. */
  close(): Promise<void>;
  /** Stops ffmpeg at once (the partial file is the caller's to remove). */
  abort(): void;
}

export interface VideoWriterOptions {
  readonly width: number;
  readonly height: number;
  /** Exact frame rate, as VideoInfo.frameRate. */
  readonly frameRate: string;
  readonly format: VideoOutputFormat;
  /** "rgba" frames, or "mask" frames (Mask: one byte per pixel, written 255 where set, 0 elsewhere). */
  readonly pixels: "rgba" | "mask";
}

/** Starts ffmpeg encoding raw frames from a pipe into `path`, at a constant `frameRate`, same size. */
export function openVideoWriter(path: string, options: VideoWriterOptions): VideoWriter {
  const { width, height, frameRate, format, pixels } = options;
  // 4:2:0 chroma (what browsers play) needs an even size; an odd one keeps full chroma rather than change size.
  const chroma = width % 2 === 0 && height % 2 === 0 ? "yuv420p" : "yuv444p";
  const ffmpeg = startTool("ffmpeg", [
    ...["-v", "error", "-nostdin", "-y", "-f", "rawvideo", "-pix_fmt", pixels === "rgba" ? "rgba" : "gray"],
    ...["-s", `${width}x${height}`, "-framerate", frameRate, "-i", "pipe:0"],
    ...["-pix_fmt", chroma, "-r", frameRate, ...format.args, path],
  ]);
  const expected = width * height * (pixels === "rgba" ? 4 : 1);
  let failure: Error | undefined;
  ffmpeg.done.then(
    ({ code, stderr }) => {
      if (code !== 0)
        failure = new Error(`the video could not be written (${toolMessage("ffmpeg", { code, stderr })})`);
    },
    (error: Error) => {
      failure = error;
    },
  );
  return {
    async write(frame) {
      if (failure) throw failure;
      if (frame.width !== width || frame.height !== height) {
        throw new RangeError(`frame is ${frame.width}×${frame.height}; the video is ${width}×${height}`);
      }
      const bytes = pixels === "rgba" ? frame.data : maskBytes(frame as Mask);
      if (bytes.byteLength !== expected)
        throw new RangeError(`frame has ${bytes.byteLength} bytes, expected ${expected}`);
      const stdin = ffmpeg.process.stdin;
      if (!stdin.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
        await new Promise<void>((resolve) => {
          const settle = () => {
            stdin.off("drain", settle);
            ffmpeg.process.off("close", settle);
            resolve();
          };
          stdin.once("drain", settle);
          ffmpeg.process.once("close", settle);
        });
      }
      if (failure) throw failure;
    },
    async close() {
      ffmpeg.process.stdin.end();
      const { code, stderr } = await ffmpeg.done;
      if (code !== 0) throw new Error(`the video could not be written (${toolMessage("ffmpeg", { code, stderr })})`);
    },
    abort: () => ffmpeg.stop(),
  };
}

function maskBytes(mask: Mask): Uint8Array {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] ? 255 : 0;
  return out;
}
