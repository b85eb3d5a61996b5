// npx tsx bench/record.ts: keeps the figures of the benchmarks just run (bench-results/NAME.json) in
// data/bench/, and renders the README's performance section from everything recorded there, so the README
// states only measured figures. Run it after `npm run bench` (or one benchmark) on a quiet machine.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { BENCHES, performanceSection } from "./performance-section.js";
import { RECORDS_DIR, readBenchRecords } from "./read-bench-records.js";
import { README_MARKERS, replaceBetween } from "./readme-block.js";

mkdirSync(RECORDS_DIR, { recursive: true });
const recorded = BENCHES.filter((name) => existsSync(`bench-results/${name}.json`));
for (const name of recorded) copyFileSync(`bench-results/${name}.json`, `${RECORDS_DIR}/${name}.json`);
const readme = readFileSync("README.md", "utf8");
writeFileSync("README.md", replaceBetween(readme, README_MARKERS, performanceSection(readBenchRecords())));
console.log(
  `recorded ${recorded.join(", ") || "nothing new"}; README's performance figures rendered from ${RECORDS_DIR}/`,
);
