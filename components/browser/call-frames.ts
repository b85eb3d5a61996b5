// The page's calls to the frame service (worker/frame-service.ts), served in the model worker beside the models
// through the pipeline client, so they follow the models to the main thread if the worker fails. Not in a lane:
// the caller paces its frames. After a crash the service starts again with no stream: a frame then fails with
// an "UnknownStream" error, and the caller starts its stream again.
import type { FrameService } from "../worker/frame-service.js";
import type { CallOptions, PayloadOf, ProgressOf, ResultOf } from "../worker/protocol.js";
import type { PipelineClient } from "./pipeline-client.js";

export function callFrames<K extends keyof FrameService & string>(
  client: PipelineClient,
  method: K,
  payload: PayloadOf<FrameService[K]>,
  { onProgress, signal }: CallOptions<ProgressOf<FrameService[K]>> = {},
): Promise<ResultOf<FrameService[K]>> {
  return client.withModelWorker<FrameService, ResultOf<FrameService[K]>>(
    (connection, laneSignal) => connection.call(method, payload, { onProgress, signal: laneSignal }),
    { lane: false, ...(signal ? { signal } : {}) },
  );
}
