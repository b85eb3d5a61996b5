// Writing hidden videos in the browser with WebCodecs, through mediabunny (demuxing, decoding, encoding and
// muxing; no container code here): a video file hidden frame by frame, every frame processed and kept at its
// own timestamp and size, its audio copied where the output can hold it; and a webcam recording, the hidden
// frames as they were shown. Both write MP4 (H.264 where the browser encodes it) in memory. Runs in the model
// worker (frame-service.ts); no DOM.

import {
  ALL_FORMATS,
  BlobSource,
  BufferTarget,
  Conversion,
  ConversionCanceledError,
  getFirstEncodableVideoCodec,
  Input,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  type VideoCodec,
  VideoSample,
  VideoSampleSource,
} from "mediabunny";
import type { RgbaImage } from "../core/types.js";
import type { HiddenFrame } from "../pipeline/frame-hider.js";
import type { VideoSettings } from "../pipeline/video-settings.js";

/** The codecs tried, in order: H.264 plays everywhere; the others where the browser cannot encode it. */
const VIDEO_CODECS: readonly VideoCodec[] = ["avc", "vp9", "av1"];

export interface ExportedVideo {
  /** The file (transferred to the page). */
  readonly bytes: ArrayBuffer;
  readonly mimeType: string;
  readonly extension: string;
  readonly codec: string;
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly seconds: number;
  /** Frames hidden per second while writing. */
  readonly fps: number;
  /** What became of the input's sound. */
  readonly audio: string;
  readonly settings?: VideoSettings;
  /** Frames in which anyone was hidden. */
  readonly framesWithPeople: number;
}

export interface ExportProgress {
  readonly done: number;
  /** Frames in the file (from its packets). */
  readonly total: number;
  readonly elapsedMs: number;
  readonly found: number;
  readonly carried: number;
  /** The frame just hidden, small, for the page to show while it works. */
  readonly preview?: ImageBitmap;
}

export interface ExportJob {
  readonly signal: AbortSignal;
  /** A decoded frame as RGBA. */
  read(frame: VideoFrame): RgbaImage;
  /** Hides the next frame (frames come in order). */
  hide(image: RgbaImage): Promise<{ hidden: HiddenFrame; preview?: ImageBitmap }>;
  progress(value: ExportProgress): void;
  readonly settings: VideoSettings;
}

function aborted(): Error {
  const error = new Error("the export was cancelled");
  error.name = "AbortError";
  return error;
}

/** The first codec this browser encodes at this size into MP4, or a clear error. */
async function videoCodec(width: number, height: number): Promise<VideoCodec> {
  const supported = new Mp4OutputFormat().getSupportedVideoCodecs();
  const codec = await getFirstEncodableVideoCodec(
    VIDEO_CODECS.filter((c) => supported.includes(c)),
    { width, height },
  );
  if (!codec)
    throw new Error(`this browser cannot encode video at ${width}×${height} (tried ${VIDEO_CODECS.join(", ")})`);
  return codec;
}

/**
 * Hides every frame of `file` (a video the browser can decode) into a new MP4: same frames, timestamps and
 * size. Throws an Error naming why a file cannot be read; an AbortError when `job.signal` aborts.
 */
export async function exportHiddenVideo(file: Blob, job: ExportJob): Promise<ExportedVideo> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryVideoTrack().catch((error: Error) => {
      throw new Error(`not a video file this browser can read (${error.message})`);
    });
    if (!track) throw new Error("the file holds no video");
    if (!(await track.canDecode()))
      throw new Error(
        `this browser cannot decode its video (${(await track.getCodecParameterString()) ?? track.codec ?? "unknown codec"})`,
      );
    const { packetCount: total } = await track.computePacketStats();
    const width = track.displayWidth;
    const height = track.displayHeight;
    const codec = await videoCodec(width, height);
    const target = new BufferTarget();
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: "in-memory" }), target });
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d")!;
    const start = performance.now();
    let done = 0;
    let framesWithPeople = 0;
    const conversion = await Conversion.init({
      input,
      output,
      showWarnings: false,
      tracks: "primary",
      video: {
        codec,
        quality: QUALITY_HIGH,
        forceTranscode: true,
        // The frame pipeline runs here, in decoding order of presentation: every decoded frame, one at a time.
        process: async (sample) => {
          if (job.signal.aborted) throw aborted();
          const frame = sample.toVideoFrame();
          let image: RgbaImage;
          try {
            image = job.read(frame);
          } finally {
            frame.close();
          }
          const { hidden, preview } = await job.hide(image);
          context.putImageData(new ImageData(hidden.image.data as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
          done++;
          if (hidden.maskPixels > 0) framesWithPeople++;
          job.progress({
            done,
            total,
            elapsedMs: performance.now() - start,
            found: hidden.found,
            carried: hidden.carried,
            ...(preview ? { preview } : {}),
          });
          return canvas;
        },
      },
    });
    const audioTracks = (await input.getAudioTracks()).length;
    const droppedAudio = conversion.discardedTracks.filter((d) => d.track.type === "audio");
    if (!conversion.isValid) {
      const reasons = conversion.discardedTracks.map((d) => `${d.track.type}: ${d.reason}`).join(", ");
      throw new Error(`this video cannot be written again here (${reasons})`);
    }
    const abort = () => void conversion.cancel();
    job.signal.addEventListener("abort", abort);
    try {
      await conversion.execute();
    } catch (error) {
      if (error instanceof ConversionCanceledError || job.signal.aborted) throw aborted();
      throw error;
    } finally {
      job.signal.removeEventListener("abort", abort);
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      bytes: target.buffer!,
      mimeType: "video/mp4",
      extension: ".mp4",
      codec,
      frames: done,
      width,
      height,
      seconds,
      fps: done / seconds,
      audio: audioNote(
        audioTracks,
        droppedAudio.map((d) => d.reason),
      ),
      settings: job.settings,
      framesWithPeople,
    };
  } finally {
    input.dispose();
  }
}

function audioNote(tracks: number, dropped: readonly string[]): string {
  if (tracks === 0) return "the file has no sound";
  if (dropped.length === 0) return "the sound is kept as it was (voices are not hidden)";
  return `the sound was dropped (${dropped.join(", ")}): this browser cannot write it into MP4`;
}

export interface HiddenRecorder {
  /** Adds a hidden frame shown at `timestamp` (milliseconds, the page's clock). */
  add(image: RgbaImage, timestamp: number): Promise<void>;
  finish(): Promise<ExportedVideo>;
  cancel(): void;
}

/** Records hidden frames as they come (a webcam's: their own times, so the rate is what was shown). */
export function startRecorder(): HiddenRecorder {
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: "in-memory" }), target });
  let track: { source: VideoSampleSource; codec: VideoCodec; first: number; width: number; height: number } | undefined;
  let frames = 0;
  let last = 0;
  const started = performance.now();
  return {
    async add(image, timestamp) {
      if (!track) {
        const codec = await videoCodec(image.width, image.height);
        const source = new VideoSampleSource({ codec, quality: QUALITY_HIGH });
        output.addVideoTrack(source);
        await output.start();
        track = { source, codec, first: timestamp, width: image.width, height: image.height };
      }
      last = (timestamp - track.first) / 1000;
      const sample = new VideoSample(image.data, {
        format: "RGBA",
        codedWidth: image.width,
        codedHeight: image.height,
        timestamp: last,
      });
      try {
        await track.source.add(sample);
      } finally {
        sample.close();
      }
      frames++;
    },
    async finish() {
      if (!track) throw new Error("no frame was recorded");
      await output.finalize();
      const seconds = (performance.now() - started) / 1000;
      return {
        bytes: target.buffer!,
        mimeType: "video/mp4",
        extension: ".mp4",
        codec: track.codec,
        frames,
        width: track.width,
        height: track.height,
        seconds,
        fps: frames / Math.max(last, 1e-3),
        audio: "no sound is recorded",
        framesWithPeople: frames,
      };
    },
    cancel() {
      void output.cancel();
    },
  };
}
