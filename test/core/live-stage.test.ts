// Previews while the controls move: a stage is computed at the drawn size while a control moved within the
// settle time, then at full size once the controls are still; at full size only when nothing moves; and an
// invalidated cell stops waiting. Segmentation in steps: a pending stage at once, then the stage.
import { describe, expect, it } from "vitest";
import { watchControls } from "../../components/browser/control-activity.js";
import { previewThenFull } from "../../components/browser/live-stage.js";
import { segmentInSteps } from "../../components/browser/segment-steps.js";
import type { Size } from "../../components/pipeline/preview.js";

const SETTLE = 40;
const small: Size = { width: 40, height: 30 };

/** A stage that records the sizes it was asked for; a preview unless asked for full size. */
function stage(fits = false) {
  const asked: Array<Size | undefined> = [];
  const compute = async (size?: Size) => {
    asked.push(size);
    return { preview: size !== undefined && !fits, size };
  };
  return { asked, compute };
}

async function collect<T>(generator: AsyncGenerator<T, void>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of generator) values.push(value);
  return values;
}

describe("control activity", () => {
  it("is moving for the settle time after an input event, and settles after it", async () => {
    const control = new EventTarget();
    const activity = watchControls([control], { settleMs: SETTLE });
    expect(activity.moving).toBe(false);
    control.dispatchEvent(new Event("input"));
    expect(activity.moving).toBe(true);
    const started = performance.now();
    // Another move half-way restarts the wait.
    setTimeout(() => control.dispatchEvent(new Event("input")), SETTLE / 2);
    expect(await activity.settled()).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1.5 * SETTLE - 2);
    expect(activity.moving).toBe(false);
  });

  it("stops waiting, with false, when its signal aborts", async () => {
    const control = new EventTarget();
    const activity = watchControls([control], { settleMs: 10_000 });
    control.dispatchEvent(new Event("input"));
    const controller = new AbortController();
    const waiting = activity.settled(controller.signal);
    controller.abort();
    expect(await waiting).toBe(false);
  });
});

describe("preview, then full size", () => {
  it("while a control moves: the drawn size first, full size once settled", async () => {
    const control = new EventTarget();
    const activity = watchControls([control], { settleMs: SETTLE });
    control.dispatchEvent(new Event("input"));
    const { asked, compute } = stage();
    const values = await collect(
      previewThenFull(compute, { activity, size: small, signal: new AbortController().signal }),
    );
    expect(asked).toEqual([small, undefined]);
    expect(values.map((v) => v.preview)).toEqual([true, false]);
  });

  it("when nothing moves, or nothing is drawn yet: full size only", async () => {
    const activity = watchControls([new EventTarget()], { settleMs: SETTLE });
    const { asked, compute } = stage();
    await collect(previewThenFull(compute, { activity, size: small, signal: new AbortController().signal }));
    const moving = watchControls([new EventTarget()], { settleMs: SETTLE });
    const unsized = stage();
    await collect(
      previewThenFull(unsized.compute, { activity: moving, size: undefined, signal: new AbortController().signal }),
    );
    expect([asked, unsized.asked]).toEqual([[undefined], [undefined]]);
  });

  it("a photo that fits its drawing is computed once; an invalidated cell never computes full size", async () => {
    const control = new EventTarget();
    const activity = watchControls([control], { settleMs: 10_000 });
    control.dispatchEvent(new Event("input"));
    const fits = stage(true);
    await collect(previewThenFull(fits.compute, { activity, size: small, signal: new AbortController().signal }));
    expect(fits.asked).toEqual([small]);
    const controller = new AbortController();
    const { asked, compute } = stage();
    const generator = previewThenFull(compute, { activity, size: small, signal: controller.signal });
    expect((await generator.next()).value).toMatchObject({ preview: true });
    const rest = generator.next();
    controller.abort();
    expect(await rest).toEqual({ done: true, value: undefined });
    expect(asked).toEqual([small]);
  });
});

describe("segmentation in steps", () => {
  it("is pending at once, then complete with the stage", async () => {
    let finish!: (stage: { mode: "union"; regions: never[]; ms: number }) => void;
    const work = new Promise<{ mode: "union"; regions: never[]; ms: number }>((resolve) => (finish = resolve));
    const steps = segmentInSteps("union", work);
    expect((await steps.next()).value).toEqual({ mode: "union", regions: [], ms: 0, complete: false });
    const next = steps.next();
    finish({ mode: "union", regions: [], ms: 12 });
    expect((await next).value).toEqual({ mode: "union", regions: [], ms: 12, complete: true });
  });
});
