// The recorded benchmark figures (data/bench/NAME.json), as the README's performance section renders them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCHES, type BenchRecords } from "./performance-section.js";

export const RECORDS_DIR = "data/bench";

export function readBenchRecords(dir = RECORDS_DIR): BenchRecords {
  const records: Record<string, unknown> = {};
  for (const name of BENCHES) {
    const file = join(dir, `${name}.json`);
    if (existsSync(file)) records[name] = JSON.parse(readFileSync(file, "utf8"));
  }
  return records as BenchRecords;
}
