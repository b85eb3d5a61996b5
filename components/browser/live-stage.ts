// A stage as an Observable cell's generator: computed at the drawn size first while the controls move (a
// preview, fast enough to follow a drag), then at full resolution once they settle; only full resolution when
// nothing moves. A newer input invalidates the cell: its signal aborts the pending request and the wait.
import type { Size } from "../pipeline/preview.js";
import type { ControlActivity } from "./control-activity.js";

export interface LiveStageOptions {
  readonly activity: ControlActivity;
  /** The drawn size (device pixels); undefined: no preview. */
  readonly size: Size | undefined;
  /** The cell's invalidation, as a signal. */
  readonly signal: AbortSignal;
}

export async function* previewThenFull<T extends { readonly preview: boolean }>(
  compute: (size?: Size) => Promise<T>,
  { activity, size, signal }: LiveStageOptions,
): AsyncGenerator<T, void> {
  if (size && activity.moving) {
    const preview = await compute(size);
    yield preview;
    // A photo no larger than its drawing has no preview: that was the full result.
    if (!preview.preview || !(await activity.settled(signal))) return;
  }
  yield await compute();
}

/** An AbortSignal that aborts when `invalidation` (an Observable cell's) resolves. */
export function abortOn(invalidation: Promise<unknown>): AbortSignal {
  const controller = new AbortController();
  void invalidation.then(() => controller.abort());
  return controller.signal;
}
