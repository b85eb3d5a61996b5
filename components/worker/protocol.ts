// The message protocol between the page and its workers: a typed request/response RPC over anything with
// postMessage (a Worker, the worker's own global scope, a MessagePort). Each call has an id; a service
// answers with its result, an error (name and text, so the page can show it), or progress messages on the
// way. Every ArrayBuffer found in a message (image, mask and probability data) is transferred, not copied:
// the sender's buffer is detached, so a side that must keep data sends a copy of it. So are video frames and
// image bitmaps (the video page's frames): the sender's is closed.
// No DOM and no tfjs: the same module runs in the page, in workers and in Node (tests).

/** What both ends need of a Worker, a worker's global scope or a MessagePort. */
export interface Port {
  postMessage(message: unknown, options: { transfer: Transferable[] }): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /** MessagePorts deliver nothing until started. */
  start?(): void;
}

/** A service method: its payload, what it may report on the way, and its result. */
export type Method<Payload, Result, Progress = never> = (
  payload: Payload,
  context: CallContext<Progress>,
) => Result | Promise<Result>;

// biome-ignore lint/suspicious/noExplicitAny: a service's methods each have their own payload types.
export type Service = Record<string, Method<any, any, any>>;

export interface CallContext<Progress> {
  /** Aborted when the caller cancels (a newer request superseded this one). */
  readonly signal: AbortSignal;
  /** Sends `value` to the caller now (its buffers transferred). */
  progress(value: Progress): void;
}

export type PayloadOf<M> = M extends Method<infer P, unknown, unknown> ? P : never;
export type ResultOf<M> = M extends Method<never, infer R, unknown> ? Awaited<R> : never;
export type ProgressOf<M> = M extends Method<never, unknown, infer G> ? G : never;

type Request = { type: "call"; id: number; method: string; payload: unknown } | { type: "cancel"; id: number };
type Response =
  | { type: "ready" }
  | { type: "result"; id: number; value: unknown }
  | { type: "progress"; id: number; value: unknown }
  | { type: "error"; id: number; error: { name: string; message: string } };

/** Video frames and image bitmaps, where the platform has them (not in Node). */
function isFrame(value: object): value is VideoFrame | ImageBitmap {
  return (
    (typeof VideoFrame !== "undefined" && value instanceof VideoFrame) ||
    (typeof ImageBitmap !== "undefined" && value instanceof ImageBitmap)
  );
}

/**
 * The ArrayBuffers inside `value` (typed arrays and buffers in plain objects and arrays), and its video frames
 * and image bitmaps, each once.
 */
export function transferables(value: unknown): Transferable[] {
  const found = new Set<Transferable>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof ArrayBuffer || isFrame(v)) found.add(v);
    else if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (Object.getPrototypeOf(v) === Object.prototype) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

function send(port: Port, message: Request | Response): void {
  port.postMessage(message, { transfer: "value" in message || "payload" in message ? transferables(message) : [] });
}

/** An Error with the name and text the other side threw. */
export function remoteError({ name, message }: { name: string; message: string }): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Answers calls arriving on `port` with `service`'s methods; says "ready" first. Returns a stop function. */
export function serve(port: Port, service: Service): () => void {
  const running = new Map<number, AbortController>();
  const listener = async (event: MessageEvent) => {
    const request = event.data as Request;
    if (request.type === "cancel") {
      running.get(request.id)?.abort();
      return;
    }
    if (request.type !== "call") return;
    const { id, method, payload } = request;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      if (!Object.hasOwn(service, method)) throw new TypeError(`no method "${method}" in this worker`);
      const context: CallContext<unknown> = {
        signal: controller.signal,
        progress: (value) => send(port, { type: "progress", id, value }),
      };
      const value = await service[method]!(payload, context);
      send(port, { type: "result", id, value });
    } catch (error) {
      const { name = "Error", message = String(error) } = error instanceof Error ? error : {};
      send(port, { type: "error", id, error: { name, message } });
    } finally {
      running.delete(id);
    }
  };
  port.addEventListener("message", listener);
  port.start?.();
  send(port, { type: "ready" });
  return () => port.removeEventListener("message", listener);
}

export interface CallOptions<Progress> {
  onProgress?: (value: Progress) => void;
  /** Aborting rejects the call at once with an AbortError and tells the service to stop. */
  signal?: AbortSignal;
}

/** The calling end: typed calls to a service on `port`. */
export class Connection<S extends Service> {
  #port: Port;
  #next = 1;
  #pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void; onProgress?: (value: never) => void }
  >();
  #failure: Error | undefined;
  /** Resolves when the service has said it is ready. */
  readonly ready: Promise<void>;

  constructor(port: Port) {
    this.#port = port;
    let ready!: () => void;
    this.ready = new Promise((resolve) => (ready = resolve));
    port.addEventListener("message", (event) => {
      const response = event.data as Response;
      if (response.type === "ready") return ready();
      const call = this.#pending.get(response.id);
      if (!call) return; // cancelled
      if (response.type === "progress") call.onProgress?.(response.value as never);
      else {
        this.#pending.delete(response.id);
        if (response.type === "result") call.resolve(response.value);
        else call.reject(remoteError(response.error));
      }
    });
    port.start?.();
  }

  /** Why the service can no longer answer, once fail() was called. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  call<K extends keyof S & string>(
    method: K,
    payload: PayloadOf<S[K]>,
    { onProgress, signal }: CallOptions<ProgressOf<S[K]>> = {},
  ): Promise<ResultOf<S[K]>> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (signal?.aborted) return Promise.reject(abortError());
    const id = this.#next++;
    return new Promise<ResultOf<S[K]>>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      signal?.addEventListener("abort", () => {
        if (!this.#pending.delete(id)) return;
        send(this.#port, { type: "cancel", id });
        reject(abortError());
      });
      send(this.#port, { type: "call", id, method, payload });
    });
  }

  /** The service is gone (a worker crashed): every pending and later call rejects with `error`. */
  fail(error: Error): void {
    this.#failure ??= error;
    for (const call of this.#pending.values()) call.reject(this.#failure);
    this.#pending.clear();
  }
}

export function abortError(): Error {
  const error = new Error("cancelled: a newer request superseded this one");
  error.name = "AbortError";
  return error;
}
