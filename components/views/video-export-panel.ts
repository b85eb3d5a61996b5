// The video file panel: pick or drop a clip (or take the sample), play it hidden (video-play-hidden.ts), hide every frame of it in the model worker
// (frame-service.ts, video-export.ts) with a progress bar, the time left and a cancel button, watching each
// hidden frame as it is done; then play the hidden clip and save it. The clip never leaves the browser.

import { callFrames } from "../browser/call-frames.js";
import { DropInput } from "../browser/drop-input.js";
import type { PipelineClient } from "../browser/pipeline-client.js";
import type { VideoSettings } from "../pipeline/video-settings.js";
import { StatusLine, setStatus } from "./status-line.js";
import { PlayHidden, type PlayHiddenElement } from "./video-play-hidden.js";
import { saveVideo } from "./video-save.js";

export interface VideoExportOptions {
  /** The sample clip: its URL and name, offered beside the file picker. */
  readonly sample: { readonly url: string; readonly name: string; readonly label: string };
  /** The settings at the moment the export starts. */
  readonly settings: () => Partial<VideoSettings>;
}

const PREVIEW_WIDTH = 480;

function seconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export interface VideoExportElement extends HTMLElement {
  /** New settings for the clip playing hidden (an export takes the settings at its start). */
  configure(settings: Partial<VideoSettings>): void;
  /** Stops playing. */
  stop(): Promise<void>;
}

export function VideoExportPanel(client: PipelineClient, { sample, settings }: VideoExportOptions): VideoExportElement {
  const panel = document.createElement("section") as unknown as VideoExportElement;
  panel.className = "video-export-panel";
  panel.setAttribute("aria-label", "Video file");
  const picker = DropInput({
    label: "Choose a video",
    hint: "or drop one here (MP4, WebM, MOV…: what this browser can decode)",
    accept: "video/*,.mp4,.webm,.mov,.mkv,.m4v",
    clearLabel: "Put it away",
  });
  const useSample = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: `Use the sample clip (${sample.label})`,
  });
  const start = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "Hide every frame and export",
  });
  const cancel = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "Cancel",
    disabled: true,
  });
  const progressLabel = document.createElement("label");
  progressLabel.textContent = "Frames hidden ";
  const progress = Object.assign(document.createElement("progress"), { max: 1, value: 0 });
  progress.id = "export-progress";
  progressLabel.htmlFor = progress.id;
  progressLabel.append(progress);
  const status = StatusLine({ state: "done", text: "No video chosen yet." }, { id: "export-status" });
  const preview = Object.assign(document.createElement("canvas"), { width: PREVIEW_WIDTH, height: 360 });
  preview.setAttribute("role", "img");
  preview.setAttribute("aria-label", "The frame just hidden, while the export runs");
  preview.style.cssText = `width:100%;max-width:${PREVIEW_WIDTH}px;height:auto;background:var(--theme-background-alt);border-radius:4px;`;
  preview.hidden = true;
  const result = document.createElement("div");
  const row = document.createElement("div");
  row.style.cssText = "display:flex;flex-wrap:wrap;gap:0.5rem;margin:0.5rem 0;align-items:center;";
  row.append(start, cancel, progressLabel);
  let chosen: { file: Blob; name: string } | undefined;
  const player: PlayHiddenElement = PlayHidden(client, { file: () => chosen, settings });
  panel.append(picker, useSample, player, row, status, preview, result);
  panel.configure = (next) => player.configure(next);
  panel.stop = () => player.stop();

  let running: AbortController | undefined;
  const choose = (file: Blob, name: string) => {
    chosen = { file, name };
    setStatus(status, {
      state: "done",
      text: `Ready: ${name}. Play it hidden, or press "Hide every frame and export".`,
    });
  };
  picker.addEventListener("input", () => {
    if (picker.value) choose(picker.value, picker.value.name);
    else chosen = undefined;
  });
  useSample.addEventListener("click", async () => {
    useSample.disabled = true;
    try {
      const response = await fetch(sample.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      choose(await response.blob(), sample.name);
    } catch (error) {
      setStatus(status, { state: "error", text: `The sample clip could not be loaded (${(error as Error).message}).` });
    } finally {
      useSample.disabled = false;
    }
  });
  cancel.addEventListener("click", () => running?.abort());
  start.addEventListener("click", async () => {
    if (!chosen) {
      setStatus(status, { state: "error", text: "Choose a video first (or use the sample clip)." });
      return;
    }
    const { file, name } = chosen;
    running = new AbortController();
    start.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    result.replaceChildren();
    panel.dataset.state = "running";
    setStatus(status, { state: "running", text: `Reading ${name}…` });
    try {
      const video = await callFrames(
        client,
        "exportVideo",
        { file, settings: settings(), insetWidth: PREVIEW_WIDTH },
        {
          signal: running.signal,
          onProgress({ done, total, elapsedMs, found, carried, preview: bitmap }) {
            progress.value = total ? done / total : 0;
            const left = done > 0 && total > done ? `, about ${seconds(((total - done) * elapsedMs) / done)} left` : "";
            setStatus(status, {
              state: "running",
              // The frame count changes on every frame: shown, and carried by the progress bar, not announced.
              text: `Hiding ${name}…`,
              figure: `frame ${done} of ${total}${left}.`,
              details: `${((done * 1000) / elapsedMs).toFixed(1)} frames per second; ${found + carried} people hidden on the last frame (${carried} remembered).`,
              data: { done, total },
            });
            if (bitmap) {
              preview.hidden = false;
              preview.width = bitmap.width;
              preview.height = bitmap.height;
              preview.getContext("2d")!.drawImage(bitmap, 0, 0);
              bitmap.close();
            }
          },
        },
      );
      progress.value = 1;
      result.replaceChildren(saveVideo(video, `${name.replace(/\.[^.]*$/, "")}-hidden`));
      panel.dataset.state = "done";
      setStatus(status, {
        state: "done",
        text: `Done: ${video.frames} frames hidden in ${seconds(video.seconds * 1000)} (${video.fps.toFixed(1)} frames per second); people hidden in ${video.framesWithPeople} of them. Play it or save it below.`,
        details: `Written as ${video.codec.toUpperCase()} in MP4, ${video.width}×${video.height}; ${video.audio}.`,
        data: { frames: video.frames, fps: video.fps.toFixed(2), codec: video.codec },
      });
    } catch (error) {
      const cancelled = (error as Error).name === "AbortError";
      panel.dataset.state = cancelled ? "cancelled" : "error";
      setStatus(status, {
        state: cancelled ? "done" : "error",
        text: cancelled
          ? "Cancelled: nothing was written."
          : `${name} could not be exported: ${(error as Error).message}`,
        details: "",
      });
    } finally {
      running = undefined;
      start.disabled = false;
      cancel.disabled = true;
    }
  });
  return panel;
}
