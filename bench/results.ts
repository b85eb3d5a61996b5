// Where every benchmark writes its figures: bench-results/NAME.json, with the machine they were taken on.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";

export async function writeBenchResults(name: string, result: object): Promise<void> {
  await mkdir("bench-results", { recursive: true });
  const machine = {
    node: process.version,
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    date: new Date().toISOString(),
  };
  await writeFile(`bench-results/${name}.json`, `${JSON.stringify({ ...machine, ...result }, null, 2)}\n`);
}
