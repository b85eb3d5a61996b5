// The webcam panel: start and stop the camera, the hidden stream with its two stage insets (each person's box,
// found or remembered, and the mask), the frame rate and latency, and recording on request. Only hidden frames
// are ever drawn. Its element takes new settings while it runs (configure), and exposes its counts as data-*
// attributes for tests and the benchmark.

import type { PipelineClient } from "../browser/pipeline-client.js";
import { WebcamSession } from "../browser/video-webcam.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import { BOX_COLOURS } from "../worker/frame-service.js";
import { StatusLine, setStatus } from "./status-line.js";
import { saveVideo } from "./video-save.js";

/** Width of the stage insets, in pixels. */
export const INSET_WIDTH = 200;

export interface WebcamPanelElement extends HTMLElement {
  /** New settings, applied from the next frame. */
  configure(settings: Partial<VideoSettings>): void;
  /** Stops the camera, if it runs. */
  stop(): Promise<void>;
}

function button(text: string): HTMLButtonElement {
  return Object.assign(document.createElement("button"), { type: "button", textContent: text });
}

function canvas(label: string, className: string): HTMLCanvasElement {
  const element = Object.assign(document.createElement("canvas"), { className, width: 640, height: 480 });
  element.setAttribute("role", "img");
  element.setAttribute("aria-label", label);
  return element;
}

function drawBitmap(target: HTMLCanvasElement, bitmap: ImageBitmap): void {
  if (target.width !== bitmap.width || target.height !== bitmap.height) {
    target.width = bitmap.width;
    target.height = bitmap.height;
  }
  target.getContext("2d")!.drawImage(bitmap, 0, 0);
  bitmap.close();
}

const STYLE = `
.webcam-panel .webcam-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
.webcam-panel .webcam-stage { display: grid; grid-template-columns: minmax(0, 1fr) ${INSET_WIDTH}px; gap: 0.75rem; align-items: start; }
.webcam-panel canvas { display: block; width: 100%; height: auto; background: var(--theme-background-alt); border-radius: 4px; }
.webcam-panel .webcam-insets { display: grid; gap: 0.5rem; }
.webcam-panel figure { margin: 0; max-width: none; }
.webcam-panel figcaption { font-size: 0.85rem; color: var(--theme-foreground-muted); }
.webcam-panel .swatch { display: inline-block; width: 1.5em; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 0.25em; }
.webcam-panel .swatch.carried { border-top-style: dashed; }
.webcam-panel dl { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.75rem; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
.webcam-panel dd { margin: 0; }
@media (max-width: 640px) { .webcam-panel .webcam-stage { grid-template-columns: 1fr; } .webcam-panel .webcam-insets { grid-template-columns: 1fr 1fr; } }
`;

/** `settings` gives the settings at the moment the camera starts; later changes come through configure. */
export function WebcamPanel(client: PipelineClient, settings: () => Partial<VideoSettings>): WebcamPanelElement {
  const panel = document.createElement("section") as unknown as WebcamPanelElement;
  panel.className = "webcam-panel";
  panel.setAttribute("aria-label", "Webcam");
  const style = document.createElement("style");
  style.textContent = STYLE;
  const start = button("Start the camera");
  const record = button("Record");
  record.disabled = true;
  const status = StatusLine(
    { state: "done", text: "The camera is off. Nothing is recorded or sent anywhere unless you press Record." },
    { id: "webcam-status" },
  );
  const output = canvas(
    "Your camera, live, with the people hidden (no picture until the camera starts)",
    "webcam-output",
  );
  const boxes = canvas(
    "Stage inset: the hidden frame with a box around each person found or remembered",
    "webcam-boxes",
  );
  const mask = canvas("Stage inset: the mask, white where pixels are replaced", "webcam-mask");
  const figure = (content: HTMLElement, caption: ReadonlyArray<string | Node>) => {
    const f = document.createElement("figure");
    const c = document.createElement("figcaption");
    c.append(...caption);
    f.append(content, c);
    return f;
  };
  const swatch = (kind: "found" | "carried") => {
    const s = document.createElement("span");
    s.className = `swatch ${kind}`;
    s.style.borderTopColor = BOX_COLOURS[kind];
    s.setAttribute("aria-hidden", "true");
    return s;
  };
  const insets = document.createElement("div");
  insets.className = "webcam-insets";
  insets.append(
    figure(boxes, [
      "Boxes: ",
      swatch("found"),
      "found on this frame, ",
      swatch("carried"),
      "remembered (the detector missed them or did not run)",
    ]),
    figure(mask, ["Mask: every replaced pixel"]),
  );
  const stage = document.createElement("div");
  stage.className = "webcam-stage";
  stage.append(figure(output, ["The hidden stream: the camera's own picture is never shown"]), insets);
  const stats = document.createElement("dl");
  const stat = (term: string) => {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = "—";
    stats.append(dt, dd);
    return dd;
  };
  const fpsValue = stat("Frame rate");
  const latencyValue = stat("Camera to screen");
  const shownValue = stat("Frames hidden");
  const peopleValue = stat("People hidden");
  const saved = document.createElement("div");
  const buttons = document.createElement("div");
  buttons.className = "webcam-buttons";
  buttons.append(start, record);
  panel.append(style, buttons, status, stage, stats, saved);
  panel.dataset.frames = "0";

  let session: WebcamSession | undefined;
  const off = (text: string, state: "done" | "error" = "done") => {
    session = undefined;
    start.textContent = "Start the camera";
    start.disabled = false;
    record.disabled = true;
    record.textContent = "Record";
    setStatus(status, { state, text });
    panel.dataset.state = state === "error" ? "error" : "off";
  };
  start.addEventListener("click", async () => {
    if (session) {
      start.disabled = true;
      await session.stop();
      off("The camera is off.");
      return;
    }
    start.disabled = true;
    setStatus(status, { state: "loading", text: "Asking for the camera and loading the models…" });
    try {
      session = await WebcamSession.start(client, settings(), {
        insetWidth: INSET_WIDTH,
        onFrame(reply, s) {
          drawBitmap(output, reply.image);
          if (reply.boxes) drawBitmap(boxes, reply.boxes);
          if (reply.mask) drawBitmap(mask, reply.mask);
          fpsValue.textContent = `${s.fps.toFixed(1)} frames per second`;
          latencyValue.textContent = `${Math.round(s.latencyMs)} ms (median of the last 30 frames)`;
          shownValue.textContent = String(s.shown);
          peopleValue.textContent = `${reply.found + reply.carried} (${reply.carried} remembered), ${((100 * reply.maskPixels) / (reply.width * reply.height)).toFixed(1)}% of pixels replaced`;
          Object.assign(panel.dataset, {
            frames: String(s.shown),
            fps: s.fps.toFixed(2),
            latency: s.latencyMs.toFixed(0),
            latestLatency: s.latestMs.toFixed(0),
            // Inside the worker, for this frame: which models ran, their time, each other stage's, and in all.
            modelsRun: reply.detected ? (reply.segmented ? "both" : "detector") : "none",
            modelsMs: reply.ms.models.toFixed(0),
            readMs: reply.ms.read.toFixed(1),
            maskMs: reply.ms.mask.toFixed(1),
            hideMs: reply.ms.hide.toFixed(1),
            workerMs: reply.ms.total.toFixed(0),
            people: String(reply.found + reply.carried),
            maskPixels: String(reply.maskPixels),
            detectorRuns: String(reply.runs.detector),
            segmenterRuns: String(reply.runs.segmenter),
            state: "running",
          });
          if (s.shown === 1)
            setStatus(status, {
              state: "running",
              text: `The camera is on (${reply.width}×${reply.height}); only its hidden frames are shown.${session?.recording ? " Recording." : ""}`,
            });
        },
        onError(error) {
          off(error.message, "error");
        },
      });
      start.textContent = "Stop the camera";
      start.disabled = false;
      record.disabled = false;
      setStatus(status, { state: "running", text: "The camera is on; hiding the first frame…" });
    } catch (error) {
      off((error as Error).message, "error");
    }
  });
  record.addEventListener("click", async () => {
    if (!session) return;
    record.disabled = true;
    try {
      if (!session.recording) {
        await session.startRecording();
        record.textContent = "Stop recording";
        setStatus(status, { state: "running", text: "Recording the hidden frames as they are shown…" });
      } else {
        const video = await session.stopRecording();
        record.textContent = "Record";
        saved.replaceChildren(saveVideo(video, "webcam-hidden"));
        setStatus(status, {
          state: "running",
          text: `Recorded ${video.frames} hidden frames; save the file below. The camera is still on.`,
        });
      }
    } catch (error) {
      setStatus(status, { state: "error", text: `Recording failed: ${(error as Error).message}` });
    } finally {
      record.disabled = !session;
    }
  });
  panel.configure = (next) => {
    session?.configure(next);
  };
  panel.stop = async () => {
    if (session) await session.stop();
  };
  return panel;
}
