// A batch worker for the pool's tests that dies the way a real one can (native code or memory): it answers
// like batch-worker.ts, except that an input named "die…" ends its thread at once, answer unsent.
import { parentPort } from "node:worker_threads";
import type { FromWorker, ToWorker } from "../../components/cli/batch-worker.js";

const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);
port.on("message", ({ index, task }: ToWorker) => {
  if (task.input.startsWith("die")) process.exit(70);
  const { input, kind, size, mtimeMs, output } = task;
  send({ type: "result", index, entry: { input, kind, size, mtimeMs, output } });
});
send({ type: "ready" });
