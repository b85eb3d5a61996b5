// The worker message protocol over a real MessageChannel (Node's, the same structured clone and transfer as a
// browser's): images, masks and probability maps arrive intact, their buffers are transferred (the sender's
// are detached), errors arrive as errors with their text, progress arrives before the result, and a
// cancelled or failed call rejects.
import { afterEach, describe, expect, it } from "vitest";
import type { Mask, ProbabilityMap, RgbaImage } from "../../components/core/types.js";
import { type CallContext, Connection, type Method, serve, transferables } from "../../components/worker/protocol.js";
import { randomImage, randomMask } from "./helpers.js";

type Echo = {
  echo: Method<{ image: RgbaImage; mask: Mask }, { image: RgbaImage; mask: Mask; bytes: number }>;
  invert: Method<Mask, Mask>;
  fail: Method<{ message: string }, never>;
  count: Method<number, string, ProbabilityMap>;
  wait: Method<null, string>;
};

// A service that keeps nothing it sends back: results are fresh buffers.
const service: Echo = {
  echo: ({ image, mask }) => ({ image, mask, bytes: image.data.byteLength + mask.data.byteLength }),
  invert: (mask) => ({ ...mask, data: mask.data.map((v) => 1 - v) }),
  fail: ({ message }) => {
    throw new RangeError(message);
  },
  count: (n, { progress }: CallContext<ProbabilityMap>) => {
    for (let i = 0; i < n; i++) progress({ width: 1, height: 1, data: new Float32Array([i / n]) });
    return "counted";
  },
  wait: (_, { signal }) =>
    new Promise((resolve) => signal.addEventListener("abort", () => resolve("stopped by the caller"))),
};

const channels: MessageChannel[] = [];
function connect(): Connection<Echo> {
  const channel = new MessageChannel();
  channels.push(channel);
  serve(channel.port2, service);
  return new Connection<Echo>(channel.port1);
}
afterEach(() => {
  for (const { port1, port2 } of channels.splice(0)) {
    port1.close();
    port2.close();
  }
});

describe("worker protocol", () => {
  it("round-trips an image and a mask, transferring their buffers both ways", async () => {
    const connection = connect();
    await connection.ready;
    const image = randomImage(31, 17, 4);
    const mask = randomMask(31, 17, 0.4, 5);
    const expected = { image: new Uint8ClampedArray(image.data), mask: new Uint8Array(mask.data) };
    const sent = { image, mask };
    const reply = await connection.call("echo", sent);
    // Transferred, not copied: the sender's buffers are detached.
    expect(image.data.buffer.byteLength).toBe(0);
    expect(mask.data.buffer.byteLength).toBe(0);
    expect(reply.bytes).toBe(31 * 17 * 5);
    expect(reply.image.width).toBe(31);
    expect(reply.image.data).toEqual(expected.image);
    expect(reply.mask.data).toEqual(expected.mask);
    expect(reply.image.data).toBeInstanceOf(Uint8ClampedArray);
    expect(reply.mask.data).toBeInstanceOf(Uint8Array);
  });

  it("carries a thrown error back as an error with its name and text", async () => {
    const connection = connect();
    await expect(connection.call("fail", { message: "radius must be an integer, got 1.5" })).rejects.toThrow(
      "radius must be an integer, got 1.5",
    );
    await expect(connection.call("fail", { message: "x" })).rejects.toHaveProperty("name", "RangeError");
  });

  it("says which method does not exist", async () => {
    const connection = connect();
    await expect(connection.call("nothing" as "fail", { message: "" })).rejects.toThrow('no method "nothing"');
  });

  it("delivers progress (probability maps, transferred) before the result", async () => {
    const connection = connect();
    const seen: number[] = [];
    const result = await connection.call("count", 4, { onProgress: (p) => seen.push(p.data[0]!) });
    expect(result).toBe("counted");
    expect(seen).toEqual([0, 0.25, 0.5, 0.75]);
  });

  it("a cancelled call rejects with an AbortError at once and the service sees the abort", async () => {
    const connection = connect();
    const controller = new AbortController();
    const call = connection.call("wait", null, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toHaveProperty("name", "AbortError");
    // The service is still answering other calls.
    const mask = randomMask(8, 8, 0.5, 1);
    const inverted = await connection.call("invert", { ...mask, data: new Uint8Array(mask.data) });
    expect([...inverted.data]).toEqual([...mask.data].map((v) => 1 - v));
  });

  it("fail() rejects pending and later calls with the reason", async () => {
    const connection = connect();
    const pending = connection.call("wait", null);
    connection.fail(new Error("the worker crashed: out of memory"));
    await expect(pending).rejects.toThrow("the worker crashed: out of memory");
    await expect(connection.call("invert", randomMask(2, 2, 0.5))).rejects.toThrow("out of memory");
  });

  it("lists each buffer once, whether it is a typed array's or nested in arrays and objects", () => {
    const data = new Uint8Array(8);
    const view = new Uint8Array(data.buffer, 4, 2);
    const other = new Float32Array(3);
    expect(transferables({ a: data, b: [view, { c: other }], d: "text", e: 5 })).toEqual([data.buffer, other.buffer]);
    expect(transferables(null)).toEqual([]);
  });
});
