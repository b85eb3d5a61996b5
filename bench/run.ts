// npm run bench: every benchmark in turn; each prints a table and writes JSON to bench-results/.
import { batchBench } from "./batch.js";
import { runBrowserBench } from "./browser.js";
import { runFuzzKernelBench } from "./fuzz-kernel.js";
import { pipelineBench } from "./pipeline.js";
import { videoBench } from "./video.js";
import { runVideoBrowserBench } from "./video-browser.js";
import { runWorkerBench } from "./workers.js";

await runFuzzKernelBench();
await pipelineBench();
await batchBench();
await videoBench();
await runWorkerBench();
await runBrowserBench();
await runVideoBrowserBench();
