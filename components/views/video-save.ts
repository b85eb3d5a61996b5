// A hidden video written in the browser (an export or a webcam recording): played here, and saved as a file.
// The file exists only in this page's memory until the visitor saves it.
import type { ExportedVideo } from "../worker/video-export.js";

/** The hidden video, with a player, a link that saves it as NAME.mp4, and what it holds. */
export function saveVideo(video: ExportedVideo, name: string): HTMLElement {
  const url = URL.createObjectURL(new Blob([video.bytes], { type: video.mimeType }));
  const figure = document.createElement("figure");
  figure.className = "video-save";
  figure.style.cssText = "margin:0.5rem 0;max-width:none;";
  const player = Object.assign(document.createElement("video"), { src: url, controls: true, muted: true, loop: true });
  player.setAttribute("aria-label", `The hidden video (${video.frames} frames, ${video.width}×${video.height})`);
  player.style.cssText = "display:block;width:100%;max-width:640px;height:auto;";
  const caption = document.createElement("figcaption");
  const link = Object.assign(document.createElement("a"), {
    href: url,
    download: `${name}${video.extension}`,
    textContent: `Save the hidden video (${(video.bytes.byteLength / 1e6).toFixed(1)} MB)`,
  });
  link.className = "video-save-link";
  caption.append(
    link,
    ` · ${video.frames} frames, ${video.width}×${video.height}, ${video.codec.toUpperCase()} in MP4; ${video.audio}.`,
  );
  figure.append(player, caption);
  Object.assign(figure.dataset, { frames: String(video.frames), bytes: String(video.bytes.byteLength) });
  return figure;
}
