// fuzzy-people merge-reports: one report from the reports of a collection's shards (or any reports of
// distinct inputs): entries sorted by input, every run kept, an input found in two reports refused.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type BatchReport, mergeReports, parseRecord, reportBytes } from "./report.js";

const USAGE = "Usage: fuzzy-people merge-reports [--out FILE] REPORT...  (prints the merged report without --out)";

export async function mergeReportsCommand(argv: string[], log: (text: string) => void): Promise<number> {
  let out: string | undefined;
  let names: string[];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" } },
    });
    out = values.out;
    names = positionals;
    if (names.length === 0) throw new Error("give at least one report");
  } catch (error) {
    log(`fuzzy-people merge-reports: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let merged: BatchReport;
  try {
    const reports = await Promise.all(names.map(async (name) => ({ name, report: await readReport(name) })));
    merged = mergeReports(reports);
  } catch (error) {
    log(`fuzzy-people merge-reports: ${(error as Error).message}`);
    return 1;
  }
  const bytes = reportBytes(merged);
  if (out) await writeFile(out, bytes);
  else process.stdout.write(bytes);
  const failed = merged.entries.filter((e) => e.error).length;
  log(`fuzzy-people merge-reports: ${merged.entries.length} inputs from ${names.length} reports, ${failed} failed`);
  return 0;
}

/** A report with its journal applied, if a run writing it was killed; refuses anything that is not one. */
async function readReport(name: string): Promise<BatchReport> {
  const text = await readFile(name, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${name} cannot be read (${error.code ?? error.message})`);
  });
  const journal = await readFile(`${name}.journal`, "utf8").catch(() => undefined);
  const report = parseRecord(text, journal);
  if (report.runs.length === 0) throw new Error(`${name} is not a fuzzy-people report`);
  return report;
}
