// A lane of requests drops stale results: one runs, at most one waits, a newer request supersedes the older
// ones (they reject with an AbortError, their tasks see the abort), and no result ever arrives after a newer
// request's. The caller's own signal aborts a request the same way.
import { describe, expect, it } from "vitest";
import { isSuperseded, RequestLane } from "../../components/browser/request-lane.js";

/** A task that finishes when told to, and records whether it saw an abort. */
function controllable<T>(value: T) {
  let finish!: () => void;
  const state = { started: false, aborted: false };
  const task = (signal: AbortSignal) => {
    state.started = true;
    signal.addEventListener("abort", () => (state.aborted = true));
    return new Promise<T>((resolve) => (finish = () => resolve(value)));
  };
  return { task, state, finish: () => finish() };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => `resolved ${value}`,
    (error) => (isSuperseded(error) ? "superseded" : `failed ${error.message}`),
  );
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("request lane", () => {
  it("runs one request at a time; a newer one supersedes the running and the waiting ones", async () => {
    const lane = new RequestLane();
    const [a, b, c] = [controllable("a"), controllable("b"), controllable("c")];
    const results = [outcome(lane.submit(a.task)), outcome(lane.submit(b.task)), outcome(lane.submit(c.task))];
    await tick();
    expect([a.state.started, b.state.started, c.state.started]).toEqual([true, false, false]);
    expect(a.state.aborted).toBe(true);
    // The superseded requests reject at once, before the running task has finished.
    expect(await results[0]).toBe("superseded");
    expect(await results[1]).toBe("superseded");
    a.finish(); // its late result is dropped
    await tick();
    expect([b.state.started, c.state.started]).toEqual([false, true]);
    c.finish();
    expect(await results[2]).toBe("resolved c");
  });

  it("resolves requests that nothing supersedes, in turn, and passes errors on", async () => {
    const lane = new RequestLane();
    expect(await outcome(lane.submit(async () => 1))).toBe("resolved 1");
    expect(await outcome(lane.submit(async () => Promise.reject(new Error("bad photo"))))).toBe("failed bad photo");
    expect(await outcome(lane.submit(async () => 2))).toBe("resolved 2");
  });

  it("a superseded task's failure is not reported either", async () => {
    const lane = new RequestLane();
    let fail!: () => void;
    const first = outcome(lane.submit(() => new Promise((_, reject) => (fail = () => reject(new Error("late"))))));
    const second = outcome(lane.submit(async () => "new"));
    fail();
    expect(await first).toBe("superseded");
    expect(await second).toBe("resolved new");
  });

  it("the caller's signal aborts a running or a waiting request, and the next one runs", async () => {
    const lane = new RequestLane();
    const [a, b] = [controllable("a"), controllable("b")];
    const controllerA = new AbortController();
    const controllerB = new AbortController();
    const results = [outcome(lane.submit(a.task, controllerA.signal))];
    controllerA.abort();
    expect(await results[0]).toBe("superseded");
    expect(a.state.aborted).toBe(true);
    results.push(outcome(lane.submit(b.task, controllerB.signal)));
    controllerB.abort(); // still waiting for a's task to finish
    expect(await results[1]).toBe("superseded");
    a.finish();
    await tick();
    expect(b.state.started).toBe(false);
    expect(await outcome(lane.submit(async () => "c"))).toBe("resolved c");
    const aborted = new AbortController();
    aborted.abort();
    expect(await outcome(lane.submit(async () => "never", aborted.signal))).toBe("superseded");
  });
});
