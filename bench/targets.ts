// The benchmarks' targets, from the issues that set them, for the benchmarks and the README's section alike.
/** Issue 9: fuzz (r 16, full mask) within this many times the fastest masked copy, one core. */
export const FUZZ_TARGET_RATIO = 4;

/** Issue 11: photos per minute with one worker per core over one worker, on 2 cores. */
export const BATCH_TARGET_RATIO = 1.7;

/** Issue 14: the command's export of the sample clip. */
export const VIDEO_TARGETS = { defaultsFps: 2, fastFps: 10, stillFoundShare: 0.01 };
