// Progress of a batch: photos done, photos per minute and time left. On a terminal one line is redrawn in
// place under the per-file lines; otherwise (a log file, a CI job) a line is printed now and then.

export interface ProgressState {
  /** Inputs finished in this run (processed or failed), out of `total` to process in this run. */
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Milliseconds since the first worker was ready (undefined until then). */
  readonly elapsedMs: number | undefined;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "12/40 photos, 23.5 per minute, 1 min 12 s left (1 failed)" */
export function formatProgress({ done, total, failed, elapsedMs }: ProgressState): string {
  const parts = [`${done}/${total} photos`];
  if (elapsedMs === undefined) parts.push("loading the models");
  else if (done > 0 && elapsedMs > 0) {
    const perMinute = (done / elapsedMs) * 60_000;
    parts.push(`${perMinute.toFixed(perMinute < 10 ? 1 : 0)} per minute`);
    if (done < total) parts.push(`${formatDuration(((total - done) / done) * elapsedMs)} left`);
  }
  return `${parts.join(", ")}${failed ? ` (${failed} failed)` : ""}`;
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
