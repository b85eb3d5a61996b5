// The webcam (or a video file as it plays), hidden live: the stream's frames go one at a time to the frame service in the model worker
// (frame-service.ts), and only its hidden frames come back to be drawn. A frame is taken only when the worker is
// free, so frames that would queue are dropped (latency over throughput); the camera's own frames are never
// drawn, and nothing is recorded or sent anywhere unless the visitor asks to record.
import type { VideoSettings } from "../pipeline/video-settings.js";
import type { HiddenFrameReply } from "../worker/frame-service.js";
import type { ExportedVideo } from "../worker/video-export.js";
import { callFrames } from "./call-frames.js";
import type { PipelineClient } from "./pipeline-client.js";

/** The size asked of the camera (it may give another). */
export const CAMERA_SIZE = { width: 640, height: 480 } as const;

/** Why the camera cannot be used, in words a visitor can act on. */
export function cameraProblem(error: unknown): string {
  const name = (error as Error)?.name;
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return "The camera permission was refused. Allow the camera for this site in your browser's settings, then press Start again.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No camera was found. Connect one (or use a video file below), then press Start again.";
    case "NotReadableError":
    case "AbortError":
      return "The camera could not be started: another application may be using it.";
    default:
      return `The camera could not be started (${(error as Error)?.message ?? String(error)}).`;
  }
}

/** Asks for the camera (video only). Throws an Error whose message is cameraProblem's. */
export async function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new Error(
      "This page cannot use a camera here: browsers allow cameras only on secure pages (https, or this computer's own address).",
    );
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: CAMERA_SIZE.width }, height: { ideal: CAMERA_SIZE.height } },
    });
  } catch (error) {
    throw new Error(cameraProblem(error));
  }
}

export interface WebcamStats {
  /** Hidden frames shown since the start. */
  readonly shown: number;
  /** Hidden frames shown per second, over the last two seconds. */
  readonly fps: number;
  /** From taking the frame from the camera to the next paint after drawing it hidden: median of the last 30. */
  readonly latencyMs: number;
  /** Of the last frame. */
  readonly latestMs: number;
}

export interface WebcamCallbacks {
  /** A hidden frame is ready: draw its bitmaps (and close them). */
  onFrame(reply: HiddenFrameReply, stats: WebcamStats): void;
  /** The session stopped on an error. */
  onError(error: Error): void;
  /** The stream ended by itself (a video file played to its end). */
  onEnd?(): void;
}

interface FrameGrab {
  readonly frame: VideoFrame | ImageBitmap;
  /** performance.now() when it was taken. */
  readonly at: number;
}

/** Takes the newest camera frame when asked: a VideoFrame where the browser streams them, else a snapshot. */
interface FrameTaker {
  next(): Promise<FrameGrab | undefined>;
  stop(): void;
}

declare const MediaStreamTrackProcessor:
  | (new (init: {
      track: MediaStreamTrack;
      maxBufferSize?: number;
    }) => { readable: ReadableStream<VideoFrame> })
  | undefined;

function frameTaker(stream: MediaStream): FrameTaker {
  const [track] = stream.getVideoTracks();
  if (!track) throw new Error("the camera gave no video");
  if (typeof MediaStreamTrackProcessor !== "undefined") {
    // One frame of buffer: a frame read after a busy spell is the newest one, the older ones are dropped.
    const reader = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable.getReader();
    return {
      async next() {
        const { value, done } = await reader.read();
        return done || !value ? undefined : { frame: value, at: performance.now() };
      },
      stop: () => void reader.cancel().catch(() => {}),
    };
  }
  // Elsewhere: a video element that is never put in the page, and a snapshot of its current frame.
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  const playing = video.play();
  let lastTime = -1;
  return {
    async next() {
      await playing;
      while (video.srcObject && (video.readyState < 2 || video.currentTime === lastTime))
        await new Promise((resolve) => requestAnimationFrame(resolve));
      if (!video.srcObject) return undefined;
      lastTime = video.currentTime;
      return { frame: await createImageBitmap(video), at: performance.now() };
    },
    stop: () => {
      video.pause();
      video.srcObject = null;
    },
  };
}

let nextStream = 1;

/** A running webcam session: frames hidden in the model worker until stop(). */
export class WebcamSession {
  readonly #client: PipelineClient;
  readonly #media: MediaStream;
  readonly #taker: FrameTaker;
  readonly #callbacks: WebcamCallbacks;
  readonly #insetWidth: number;
  readonly #stream = nextStream++;
  #settings: Partial<VideoSettings>;
  /** Settings changed since the last frame sent. */
  #pending: Partial<VideoSettings> | undefined;
  #running = true;
  #recording = false;
  readonly #shownAt: number[] = [];
  readonly #latencies: number[] = [];
  #shown = 0;
  readonly done: Promise<void>;

  private constructor(
    client: PipelineClient,
    media: MediaStream,
    settings: Partial<VideoSettings>,
    insetWidth: number,
    callbacks: WebcamCallbacks,
  ) {
    this.#client = client;
    this.#media = media;
    this.#settings = settings;
    this.#insetWidth = insetWidth;
    this.#callbacks = callbacks;
    this.#taker = frameTaker(media);
    this.done = this.#loop();
  }

  /**
   * Opens the camera, or takes `media` (a playing video's captureStream()), and starts hiding its frames (the
   * models must be loading or loaded on `client`). `insetWidth` 0: no stage insets.
   */
  static async start(
    client: PipelineClient,
    settings: Partial<VideoSettings>,
    { insetWidth, media: given, ...callbacks }: WebcamCallbacks & { insetWidth: number; media?: MediaStream },
  ): Promise<WebcamSession> {
    const media = given ?? (await openCamera());
    try {
      await callFrames(client, "frameStart", { stream: nextStream, settings });
    } catch (error) {
      for (const track of media.getTracks()) track.stop();
      throw error;
    }
    return new WebcamSession(client, media, settings, insetWidth, callbacks);
  }

  /** The camera's frame size, as it delivers it. */
  get size(): { width?: number; height?: number } {
    const { width, height } = this.#media.getVideoTracks()[0]?.getSettings() ?? {};
    return { width, height };
  }

  get recording(): boolean {
    return this.#recording;
  }

  /** New settings, applied from the next frame on; the people tracked stay tracked. */
  configure(settings: Partial<VideoSettings>): void {
    this.#settings = { ...this.#settings, ...settings };
    this.#pending = { ...this.#pending, ...settings };
  }

  async startRecording(): Promise<void> {
    await callFrames(this.#client, "recordStart", { stream: this.#stream });
    this.#recording = true;
  }

  /** The hidden frames shown since startRecording, as a video file. */
  async stopRecording(): Promise<ExportedVideo> {
    this.#recording = false;
    return callFrames(this.#client, "recordStop", { stream: this.#stream });
  }

  /** Stops the camera (its light goes off) and the stream in the worker; an unfinished recording is dropped. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#recording = false;
    this.#taker.stop();
    for (const track of this.#media.getTracks()) track.stop();
    await this.done;
    await callFrames(this.#client, "frameEnd", { stream: this.#stream }).catch(() => {});
  }

  async #loop(): Promise<void> {
    try {
      while (this.#running) {
        const grab = await this.#taker.next();
        if (!grab || !this.#running) {
          grab?.frame.close();
          if (!grab && this.#running) {
            this.#running = false;
            this.#callbacks.onEnd?.();
          }
          break;
        }
        const reply = await this.#hide(grab);
        if (!this.#running) {
          closeReply(reply);
          break;
        }
        this.#callbacks.onFrame(reply, this.#stats(grab.at));
      }
    } catch (error) {
      if (this.#running) {
        this.#running = false;
        this.#taker.stop();
        for (const track of this.#media.getTracks()) track.stop();
        this.#callbacks.onError(error as Error);
      }
    }
  }

  async #hide({ frame, at }: FrameGrab): Promise<HiddenFrameReply> {
    const settings = this.#pending;
    this.#pending = undefined;
    const payload = {
      stream: this.#stream,
      timestamp: at,
      insetWidth: this.#insetWidth,
      record: this.#recording,
      ...(settings ? { settings } : {}),
    };
    try {
      // The frame is transferred to the worker (this page's copy is closed by the transfer).
      return await callFrames(this.#client, "frameHide", { ...payload, frame });
    } catch (error) {
      frame.close();
      // After a worker crash the service starts again (on the main thread) without this stream.
      if ((error as Error).name !== "UnknownStream") throw error;
      await callFrames(this.#client, "frameStart", { stream: this.#stream, settings: this.#settings });
      this.#recording = false;
      throw new Error("the pipeline restarted: press Start again");
    }
  }

  /** Counts a frame shown; the latency is measured at the next animation frame, just before it is painted. */
  #stats(takenAt: number): WebcamStats {
    const now = performance.now();
    this.#shown++;
    this.#shownAt.push(now);
    while (this.#shownAt.length && this.#shownAt[0]! < now - 2000) this.#shownAt.shift();
    requestAnimationFrame(() => {
      this.#latencies.push(performance.now() - takenAt);
      if (this.#latencies.length > 30) this.#latencies.shift();
    });
    const sorted = [...this.#latencies].sort((a, b) => a - b);
    const span = this.#shownAt.length > 1 ? (now - this.#shownAt[0]!) / 1000 : 0;
    return {
      shown: this.#shown,
      fps: span > 0 ? (this.#shownAt.length - 1) / span : 0,
      latencyMs: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0,
      latestMs: this.#latencies.at(-1) ?? 0,
    };
  }
}

export function closeReply(reply: HiddenFrameReply): void {
  reply.image.close();
  reply.boxes?.close();
  reply.mask?.close();
}
