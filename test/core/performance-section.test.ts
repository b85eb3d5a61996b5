import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { BrowserBench } from "../../bench/browser.js";
import { performanceSection } from "../../bench/performance-section.js";
import { readBenchRecords } from "../../bench/read-bench-records.js";
import { between, README_MARKERS, replaceBetween } from "../../bench/readme-block.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the README's performance figures", () => {
  it("are exactly those rendered from data/bench/ (run bench/record.ts after a benchmark)", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(between(readme, README_MARKERS)).toBe(performanceSection(readBenchRecords(join(root, "data/bench"))));
  });

  it("say which benchmark was not recorded, which target was missed and which backend could not be timed", () => {
    const browser: BrowserBench = {
      machine: {
        cpu: "CPU",
        cores: 2,
        node: "v20",
        chromium: "1",
        date: "2026-01-02T03:04:05Z",
        loadAverage: { start: 1.5, end: 3 },
      },
      photo: { width: 8, height: 6, source: "a test" },
      reps: 3,
      sections: ["sliders"],
      rows: [
        {
          metric: "radius",
          backend: "wasm",
          samples: [40, 41, 60],
          median: 41,
          p90: 60,
          max: 60,
          target: 33,
          met: false,
        },
        { metric: "radius", backend: "webgl", samples: [], median: 0, p90: 0, max: 0, untimed: "context lost" },
      ],
      stageMs: {},
      memory: [],
      notes: [],
    };
    const text = performanceSection({ browser }).replace(/ {2,}/g, " "); // table padding aside
    expect(text).toContain("_2026-01-02, 2 cores (CPU), chromium 1; load average 1.5–3._");
    expect(text).toContain("| radius | wasm | 41 ms (60 ms) | ≤ 33 ms | **no** | |");
    expect(text).toContain("| radius | webgl | not timed: context lost | — | — | |");
    expect(text).toContain("### Obfuscation kernels (`bench/fuzz-kernel.ts`)\n\n_Not recorded yet");
  });

  it("replace only the block between the markers, and name a missing marker", () => {
    const text = `a\n${README_MARKERS[0]}\nold\n${README_MARKERS[1]}\nb\n`;
    expect(replaceBetween(text, README_MARKERS, "new")).toBe(
      `a\n${README_MARKERS[0]}\n\nnew\n\n${README_MARKERS[1]}\nb\n`,
    );
    expect(() => between("a", README_MARKERS)).toThrow(`README.md has no "${README_MARKERS[0]}" marker`);
  });
});
