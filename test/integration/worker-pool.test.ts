import { describe, expect, it } from "vitest";
import type { WorkerSetup } from "../../components/cli/batch-worker.js";
import type { InputTask } from "../../components/cli/process-input.js";
import type { ReportEntry } from "../../components/cli/report.js";
import { WorkerPool } from "../../components/cli/worker-pool.js";

const DYING_WORKER = new URL("./dying-worker.ts", import.meta.url);

const task = (input: string): InputTask => ({
  kind: "image",
  format: "png",
  input,
  size: 1,
  mtimeMs: 2,
  output: `${input}.png`,
});

describe("the batch's worker pool", () => {
  async function runPool(inputs: readonly string[], jobs: number) {
    const results = new Map<string, ReportEntry>();
    let ready = 0;
    const pool = new WorkerPool(
      inputs.map(task),
      {} as WorkerSetup, // the dying worker reads no setup
      { onReady: () => ready++, onResult: (index, entry) => results.set(inputs[index]!, entry) },
      DYING_WORKER,
    );
    await pool.run(jobs);
    return { results, ready };
  }

  for (const jobs of [1, 2])
    it(`a worker that dies fails only the input it held; a new worker takes the rest (${jobs} at a time)`, async () => {
      const inputs = ["a", "b", "die-1", "c", "d", "die-2", "e"];
      const { results, ready } = await runPool(inputs, jobs);
      expect([...results.keys()].sort()).toEqual([...inputs].sort());
      for (const input of ["die-1", "die-2"])
        expect(results.get(input)).toEqual({
          input,
          kind: "image",
          size: 1,
          mtimeMs: 2,
          error: "the worker processing it stopped (exit code 70); the other inputs were not affected",
        });
      for (const input of ["a", "b", "c", "d", "e"])
        expect(results.get(input)).toEqual({ input, kind: "image", size: 1, mtimeMs: 2, output: `${input}.png` });
      // One at a time, the order is fixed: a first worker, and one more after each death (tasks were left).
      if (jobs === 1) expect(ready).toBe(3);
    });

  it("stops once the tasks run out when the last worker dies on the last task", async () => {
    const results: ReportEntry[] = [];
    await new WorkerPool([task("die")], {} as WorkerSetup, { onResult: (_, e) => results.push(e) }, DYING_WORKER).run(
      1,
    );
    expect(results.map((e) => e.error !== undefined)).toEqual([true]);
  });
});
