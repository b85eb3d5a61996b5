// Progress of a batch: inputs done, inputs per minute and time left, and the frames of each video in flight (a
// video is one input, often a long one). On a terminal one line is redrawn in place under the per-file lines;
// otherwise (a log file, a CI job) a line is printed now and then.
import { basename } from "node:path";

export interface ProgressState {
  /** Inputs finished in this run (processed or failed), out of `total` to process in this run. */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Milliseconds since the first worker was ready (undefined until then). */
  readonly elapsedMs: number | undefined;
  /** What the inputs are called (inputNoun): "photos" by default. */
  readonly noun?: string;
  /** The videos being hidden now, in input order. */
  readonly videos?: readonly VideoInFlight[];
}

export interface VideoInFlight {
  readonly input: string;
  /** Frames hidden so far, of about `total` (unknown for some containers). */
  readonly done: number;
  readonly total?: number;
  /** Since the video was opened. */
  readonly elapsedMs: number;
}

/** "photos", "videos" or, for a mix, "inputs". */
export function inputNoun(kinds: Iterable<string>): string {
  const seen = new Set(kinds);
  return seen.size === 1 && seen.has("video") ? "videos" : seen.has("video") ? "inputs" : "photos";
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "12/40 photos, 23.5 per minute, 1 min 12 s left (1 failed); clip.mp4: 40/300 frames, 2.1 fps, 2 min 4 s left" */
export function formatProgress({
  done,
  total,
  failed,
  elapsedMs,
  noun = "photos",
  videos = [],
}: ProgressState): string {
  const parts = [`${done}/${total} ${noun}`];
  if (elapsedMs === undefined) parts.push("loading the models");
  else if (done > 0 && elapsedMs > 0) {
    const perMinute = (done / elapsedMs) * 60_000;
    parts.push(`${perMinute.toFixed(perMinute < 10 ? 1 : 0)} per minute`);
    if (done < total) parts.push(`${formatDuration(((total - done) / done) * elapsedMs)} left`);
  }
  return [`${parts.join(", ")}${failed ? ` (${failed} failed)` : ""}`, ...videos.map(formatVideo)].join("; ");
}

/** "clip.mp4: 40/300 frames, 2.1 fps, 2 min 4 s left" */
function formatVideo({ input, done, total, elapsedMs }: VideoInFlight): string {
  const fps = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const left =
    total !== undefined && total > done && fps > 0 ? `, ${formatDuration(((total - done) / fps) * 1000)} left` : "";
  return `${basename(input)}: ${done}${total !== undefined ? `/${total}` : ""} frames, ${fps.toFixed(1)} fps${left}`;
}

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Writes per-file lines and progress to one stream, so the in-place progress line never garbles a file's line. */
export class ProgressReporter {
  private shown = false;
  /** When the last line was printed (or the first update came) when not on a terminal. */
  private lastPrinted: number | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly options: { quiet: boolean; intervalMs: number },
  ) {}

  /** A line that stays (a file's result, an error, a notice). */
  line(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  /** Redraws the progress line on a terminal; elsewhere prints it when `intervalMs` has passed since the last one. */
  update(state: ProgressState, now = Date.now()): void {
    if (this.options.quiet) return;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${formatProgress(state)}`);
      this.shown = true;
    } else if (this.lastPrinted === undefined)
      this.lastPrinted = now; // nothing to say yet
    else if (now - this.lastPrinted >= this.options.intervalMs) {
      this.stream.write(`${formatProgress(state)}\n`);
      this.lastPrinted = now;
    }
  }

  /** Removes the progress line (on a terminal) before the final summary. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write("\r\x1b[2K");
    this.shown = false;
  }
}
