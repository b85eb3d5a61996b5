// Moving pictures as a service, beside the model service in the model worker (model-side.ts shares its
// models): a stream of frames (a webcam's) hidden one by one by the frame pipeline (frame-hider.ts:
// tracking, fail closed across frames), each answered with the hidden frame and the small stage insets as
// ImageBitmaps ready to draw; and a whole video file hidden frame by frame and written again (video-export.ts).
// Frames arrive as ImageBitmaps or VideoFrames; an unhidden frame never leaves this service.

import type { Box, Mask, RgbaImage } from "../core/types.js";
import { createFrameHider, type FrameHider, type HiddenFrame } from "../pipeline/frame-hider.js";
import type { Models } from "../pipeline/run.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import type { Method } from "./protocol.js";
import type { ExportedVideo, ExportProgress, HiddenRecorder } from "./video-export.js";

/** The video writer (mediabunny), loaded on the first recording or export: the model worker starts without it. */
const videoExport = () => import("./video-export.js");

/** A frame as the page sends it: a camera's VideoFrame, or an ImageBitmap of a video element. */
export type FrameSource = ImageBitmap | VideoFrame;

export interface FrameStats
  extends Pick<HiddenFrame, "index" | "detected" | "segmented" | "found" | "carried" | "maskPixels"> {
  /** Every person hidden on the frame, found on it or carried from memory (full-resolution pixels). */
  readonly people: ReadonlyArray<{ readonly box: Box; readonly carried: boolean }>;
  /** Model runs so far where this service runs (every stream's and photo's): the tests' model-run counters. */
  readonly runs: { readonly detector: number; readonly segmenter: number };
  /** Inside the worker: reading the frame, the models, the mask, the hiding, and drawing the replies. */
  readonly ms: {
    readonly read: number;
    readonly models: number;
    readonly mask: number;
    readonly hide: number;
    readonly total: number;
  };
}

export interface HiddenFrameReply extends FrameStats {
  readonly width: number;
  readonly height: number;
  /** The hidden frame, to draw as it is. */
  readonly image: ImageBitmap;
  /**
   * The stage insets, `insetWidth` wide: the hidden frame with each person's box, and the mask (white); none
   * when `insetWidth` is 0 (a video file played hidden shows the hidden frame only).
   */
  readonly boxes?: ImageBitmap;
  readonly mask?: ImageBitmap;
}

export type FrameService = {
  /** Starts stream `stream` (a webcam session): a fresh frame hider, nobody tracked yet. */
  frameStart: Method<{ stream: number; settings: Partial<VideoSettings> }, VideoSettings>;
  /**
   * Hides the stream's next frame, after applying `settings` if given (the people tracked stay tracked);
   * `record` also adds the hidden frame to the recording (recordStart), at `timestamp` (ms).
   */
  frameHide: Method<
    {
      stream: number;
      frame: FrameSource;
      timestamp: number;
      insetWidth: number;
      record?: boolean;
      settings?: Partial<VideoSettings>;
    },
    HiddenFrameReply
  >;
  /** Ends the stream (its recording, unfinished, is dropped). */
  frameEnd: Method<{ stream: number }, null>;
  /** Starts recording the stream's hidden frames, as they are shown. */
  recordStart: Method<{ stream: number }, null>;
  /** Finishes the recording: the video file's bytes (transferred) and how it was written. */
  recordStop: Method<{ stream: number }, ExportedVideo>;
  /** Hides every frame of a video file and writes the hidden video; cancelled by the caller's signal. */
  exportVideo: Method<
    { file: Blob; settings: Partial<VideoSettings>; insetWidth: number },
    ExportedVideo,
    ExportProgress
  >;
};

/** A thrown error whose name tells the client to start its stream again (a new service, after a crash). */
export function unknownStream(stream: number): Error {
  const error = new Error(`stream ${stream} is not here (start it again)`);
  error.name = "UnknownStream";
  return error;
}

interface Stream {
  readonly hider: FrameHider;
  recorder?: HiddenRecorder;
}

/** The frame service; `models` gives the models loaded by the model service beside it. */
export function frameService(models: () => Models | undefined): FrameService {
  const streams = new Map<number, Stream>();
  const loaded = (): Models => {
    const current = models();
    if (!current) throw new Error("the models are not loaded yet");
    return current;
  };
  const stream = (id: number): Stream => {
    const found = streams.get(id);
    if (!found) throw unknownStream(id);
    return found;
  };
  const reader = frameReader();
  return {
    frameStart({ stream: id, settings }) {
      streams.get(id)?.recorder?.cancel();
      const hider = createFrameHider(loaded(), settings);
      streams.set(id, { hider });
      return hider.settings;
    },
    async frameHide({ stream: id, frame, timestamp, insetWidth, record, settings }) {
      const start = performance.now();
      let current: Stream;
      let image: RgbaImage;
      try {
        current = stream(id);
        if (settings) current.hider.configure(settings);
        image = reader.read(frame);
      } finally {
        frame.close();
      }
      const read = performance.now() - start;
      const hidden = await current.hider.hide(image);
      if (record && current.recorder) await current.recorder.add(hidden.image, timestamp);
      const { detector, segmenter } = loaded();
      const runs = { detector: detector.runs, segmenter: segmenter.runs };
      return await replyOf(hidden, { insetWidth, read, start, runs });
    },
    frameEnd({ stream: id }) {
      streams.get(id)?.recorder?.cancel();
      streams.delete(id);
      return null;
    },
    async recordStart({ stream: id }) {
      const { startRecorder } = await videoExport();
      const current = stream(id);
      current.recorder?.cancel();
      current.recorder = startRecorder();
      return null;
    },
    async recordStop({ stream: id }) {
      const current = stream(id);
      const recorder = current.recorder;
      if (!recorder) throw new Error("nothing is being recorded");
      current.recorder = undefined;
      return recorder.finish();
    },
    async exportVideo({ file, settings, insetWidth }, { progress, signal }) {
      const hider = createFrameHider(loaded(), settings);
      const { exportHiddenVideo } = await videoExport();
      return exportHiddenVideo(file, {
        signal,
        read: (frame) => reader.read(frame),
        hide: async (image) => {
          const hidden = await hider.hide(image);
          return { hidden, preview: insetWidth > 0 ? await bitmapOf(hidden.image, insetWidth) : undefined };
        },
        progress,
        settings: hider.settings,
      });
    },
  };
}

/** Reads frames into RGBA through one OffscreenCanvas, resized when the frame size changes. */
function frameReader() {
  let canvas: OffscreenCanvas | undefined;
  let context: OffscreenCanvasRenderingContext2D | undefined;
  return {
    read(frame: FrameSource | (CanvasImageSource & { displayWidth?: number })): RgbaImage {
      const width = "displayWidth" in frame && frame.displayWidth ? frame.displayWidth : (frame as ImageBitmap).width;
      const height =
        "displayHeight" in frame && frame.displayHeight ? frame.displayHeight : (frame as ImageBitmap).height;
      if (!canvas || canvas.width !== width || canvas.height !== height) {
        canvas = new OffscreenCanvas(width, height);
        context = canvas.getContext("2d", { willReadFrequently: true })!;
      }
      context!.drawImage(frame as CanvasImageSource, 0, 0, width, height);
      const { data } = context!.getImageData(0, 0, width, height);
      return { width, height, data };
    },
  };
}

/** An RGBA image as an ImageBitmap, scaled to `width` (aspect kept) when given. */
async function bitmapOf(image: RgbaImage, width?: number): Promise<ImageBitmap> {
  const data = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!width || width >= image.width) return createImageBitmap(data);
  const height = Math.max(1, Math.round((image.height * width) / image.width));
  return createImageBitmap(data, { resizeWidth: width, resizeHeight: height, resizeQuality: "medium" });
}

/** The mask as white on black, at inset size. */
async function maskBitmap(mask: Mask, width: number): Promise<ImageBitmap> {
  const rgba = new Uint8ClampedArray(mask.width * mask.height * 4);
  for (let p = 0; p < mask.data.length; p++) {
    const v = mask.data[p] ? 255 : 0;
    rgba[p * 4] = v;
    rgba[p * 4 + 1] = v;
    rgba[p * 4 + 2] = v;
    rgba[p * 4 + 3] = 255;
  }
  return bitmapOf({ width: mask.width, height: mask.height, data: rgba }, width);
}

/** The colours of the boxes inset: found on this frame, and carried from memory (legend on the page). */
export const BOX_COLOURS = { found: "#ffd400", carried: "#00e5ff" } as const;

/** The hidden frame at inset size with each person's box: solid when found on this frame, dashed when carried. */
async function boxesBitmap(hidden: HiddenFrame, width: number): Promise<ImageBitmap> {
  const small = await bitmapOf(hidden.image, width);
  const canvas = new OffscreenCanvas(small.width, small.height);
  const context = canvas.getContext("2d")!;
  context.drawImage(small, 0, 0);
  small.close();
  const scale = small.width / hidden.image.width;
  context.lineWidth = 2;
  for (const { box, carried } of hidden.people) {
    context.strokeStyle = carried ? BOX_COLOURS.carried : BOX_COLOURS.found;
    context.setLineDash(carried ? [4, 3] : []);
    context.strokeRect(box.x * scale, box.y * scale, box.width * scale, box.height * scale);
  }
  return canvas.transferToImageBitmap();
}

async function replyOf(
  hidden: HiddenFrame,
  { insetWidth, read, start, runs }: { insetWidth: number; read: number; start: number; runs: FrameStats["runs"] },
): Promise<HiddenFrameReply> {
  const [image, boxes, mask] = await Promise.all([
    bitmapOf(hidden.image),
    insetWidth > 0 ? boxesBitmap(hidden, insetWidth) : undefined,
    insetWidth > 0 ? maskBitmap(hidden.mask, insetWidth) : undefined,
  ]);
  const { index, detected, segmented, found, carried, maskPixels, people } = hidden;
  return {
    index,
    detected,
    segmented,
    found,
    carried,
    maskPixels,
    people,
    runs,
    width: hidden.image.width,
    height: hidden.image.height,
    image,
    ...(boxes && mask ? { boxes, mask } : {}),
    ms: { read, ...hidden.ms, total: performance.now() - start },
  };
}
