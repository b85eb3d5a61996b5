// Whether the visitor is moving a control right now: while they are, stages are computed at the size they are
// drawn (a preview), and at full resolution once the controls have been still for SETTLE_MS (or the pointer
// is let go).
/** Controls still this long count as settled. */
export const SETTLE_MS = 200;

export interface ControlActivity {
  /** A control moved less than SETTLE_MS ago, or a pointer holds one. */
  readonly moving: boolean;
  /** Resolves true once the controls are settled, or false if `signal` aborts first. */
  settled(signal?: AbortSignal): Promise<boolean>;
}

/** Watches the `input` events of `controls` (and pointers pressed on them). */
export function watchControls(controls: readonly EventTarget[], { settleMs = SETTLE_MS } = {}): ControlActivity {
  let last = Number.NEGATIVE_INFINITY;
  let held = false;
  const waiting = new Set<() => void>();
  const check = () => {
    for (const wake of waiting) wake();
  };
  for (const control of controls) {
    control.addEventListener("input", () => (last = performance.now()), { capture: true });
    control.addEventListener("pointerdown", () => (held = true));
  }
  const release = () => {
    if (!held) return;
    held = false;
    last = Number.NEGATIVE_INFINITY; // let go: settled now
    check();
  };
  // On the page; where there is no window (Node, in tests), pointers cannot be held.
  globalThis.addEventListener?.("pointerup", release);
  globalThis.addEventListener?.("pointercancel", release);
  return {
    get moving() {
      return held || performance.now() - last < settleMs;
    },
    settled(signal) {
      return new Promise<boolean>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const done = (value: boolean) => {
          clearTimeout(timer);
          waiting.delete(wake);
          signal?.removeEventListener("abort", abort);
          resolve(value);
        };
        const abort = () => done(false);
        const wake = () => {
          clearTimeout(timer);
          if (signal?.aborted) return done(false);
          if (!held && performance.now() - last >= settleMs) return done(true);
          timer = setTimeout(wake, held ? settleMs : settleMs - (performance.now() - last));
        };
        signal?.addEventListener("abort", abort, { once: true });
        waiting.add(wake);
        wake();
      });
    },
  };
}
