// Stale results are dropped: requests of one kind go through a lane, where a newer request supersedes the
// older ones. At most one request runs and at most one waits; a superseded request rejects with an
// AbortError and is never resolved after a newer one. No DOM: tested in Node.

/** Rejection of a request that a newer one in its lane replaced, or that its caller aborted. */
export function isSuperseded(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function superseded(why = "superseded by a newer request"): Error {
  const error = new Error(why);
  error.name = "AbortError";
  return error;
}

interface Job {
  task: (signal: AbortSignal) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** The caller's own signal (e.g. a page cell's invalidation). */
  external?: AbortSignal;
}

export class RequestLane {
  #running: { job: Job; controller: AbortController; dropped: Error | undefined } | undefined;
  #queued: Job | undefined;

  /**
   * Runs `task` when the request before it is done (or at once), unless a newer request comes first. The
   * task's signal aborts when it is superseded or `signal` aborts, so it can stop early.
   */
  submit<T>(task: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { task, resolve: resolve as (value: unknown) => void, reject, external: signal };
      if (signal?.aborted) return reject(superseded("aborted by the caller"));
      signal?.addEventListener("abort", () => this.#drop(job, superseded("aborted by the caller")), { once: true });
      if (this.#queued) this.#drop(this.#queued, superseded());
      if (this.#running) this.#drop(this.#running.job, superseded());
      this.#queued = job;
      if (!this.#running) this.#next();
    });
  }

  /** Rejects `job` now; if it is running, tells its task and drops its result when it comes. */
  #drop(job: Job, error: Error): void {
    if (this.#queued === job) {
      this.#queued = undefined;
      job.reject(error);
    } else if (this.#running?.job === job && !this.#running.dropped) {
      this.#running.dropped = error;
      this.#running.controller.abort();
      job.reject(error);
    }
  }

  #next(): void {
    const job = this.#queued;
    if (!job) return;
    this.#queued = undefined;
    const running = { job, controller: new AbortController(), dropped: undefined as Error | undefined };
    this.#running = running;
    job
      .task(running.controller.signal)
      .then(
        (value) => running.dropped || job.resolve(value),
        (error: Error) => running.dropped || job.reject(error),
      )
      .finally(() => {
        this.#running = undefined;
        this.#next();
      });
  }
}
