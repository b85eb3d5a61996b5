// A video file played hidden, as it plays: the file plays in a video element that is never put in the page, its
// frames go through the same live session as the webcam's (browser/video-webcam.ts: the model worker's frame
// service, tracking, fail closed), and only hidden frames are drawn. Frames the worker cannot keep up with are
// skipped, as for the webcam; the export (video-export-panel.ts) is the frame-exact way. The sound is not played.
import type { PipelineClient } from "../browser/pipeline-client.js";
import { WebcamSession } from "../browser/video-webcam.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import { StatusLine, setStatus } from "./status-line.js";

export interface PlayHiddenElement extends HTMLElement {
  /** New settings, applied from the next frame while it plays. */
  configure(settings: Partial<VideoSettings>): void;
  /** Stops playing, if it plays. */
  stop(): Promise<void>;
}

export interface PlayHiddenOptions {
  /** The file chosen now, if any. */
  readonly file: () => { readonly file: Blob; readonly name: string } | undefined;
  /** The settings at the moment it starts. */
  readonly settings: () => Partial<VideoSettings>;
}

export function PlayHidden(client: PipelineClient, { file, settings }: PlayHiddenOptions): PlayHiddenElement {
  const element = document.createElement("div") as unknown as PlayHiddenElement;
  element.className = "video-play-hidden";
  const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Play it hidden" });
  const status = StatusLine({ state: "done", text: "" }, { id: "play-status" });
  const output = Object.assign(document.createElement("canvas"), { width: 640, height: 480, hidden: true });
  output.setAttribute("role", "img");
  output.setAttribute("aria-label", "The video as it plays, with the people hidden");
  output.style.cssText =
    "width:100%;max-width:640px;height:auto;background:var(--theme-background-alt);border-radius:4px;";
  element.append(button, status, output);

  let session: WebcamSession | undefined;
  let video: HTMLVideoElement | undefined;
  const finish = (text: string, state: "done" | "error" = "done") => {
    session = undefined;
    if (video) {
      video.pause();
      URL.revokeObjectURL(video.src);
      video = undefined;
    }
    button.textContent = "Play it hidden";
    button.disabled = false;
    element.dataset.state = state === "error" ? "error" : "stopped";
    setStatus(status, { state, text });
  };
  button.addEventListener("click", async () => {
    if (session) {
      button.disabled = true;
      await session.stop();
      finish("Stopped.");
      return;
    }
    const chosen = file();
    if (!chosen) {
      setStatus(status, { state: "error", text: "Choose a video first (or use the sample clip)." });
      return;
    }
    button.disabled = true;
    const playing = Object.assign(document.createElement("video"), { muted: true, playsInline: true });
    playing.src = URL.createObjectURL(chosen.file);
    video = playing;
    try {
      await playing.play();
      session = await WebcamSession.start(client, settings(), {
        insetWidth: 0,
        media: (playing as HTMLVideoElement & { captureStream(): MediaStream }).captureStream(),
        onFrame(reply, stats) {
          output.hidden = false;
          if (output.width !== reply.width || output.height !== reply.height)
            Object.assign(output, { width: reply.width, height: reply.height });
          output.getContext("2d")!.drawImage(reply.image, 0, 0);
          reply.image.close();
          element.dataset.frames = String(stats.shown);
          element.dataset.state = "playing";
          setStatus(status, {
            state: "running",
            text: `Playing ${chosen.name} hidden: ${stats.fps.toFixed(1)} frames per second shown (frames the worker cannot keep up with are skipped; the export below hides every one).`,
          });
        },
        onError: (error) => finish(error.message, "error"),
        onEnd: () => finish(`${chosen.name} played to its end, hidden.`),
      });
      button.textContent = "Stop playing";
      button.disabled = false;
    } catch (error) {
      finish(`${chosen.name} could not be played: ${(error as Error).message}`, "error");
    }
  });
  element.configure = (next) => session?.configure(next);
  element.stop = async () => {
    if (session) await session.stop();
    finish("Stopped.");
  };
  return element;
}
