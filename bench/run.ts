// npm run bench: every benchmark in turn; each prints a table and writes JSON to bench-results/.
import { runBrowserBench } from "./browser.js";
import { runFuzzKernelBench } from "./fuzz-kernel.js";
import { pipelineBench } from "./pipeline.js";
import { videoBench } from "./video.js";

await runFuzzKernelBench();
await pipelineBench();
await videoBench();
await runBrowserBench();
