// Runs the fuzzy-people command as a user would, as its own process, and collects its exit status and output.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  /** stderr so far. */
  readonly stderr: () => string;
}

/** Starts the command; `stdin` is written to its standard input, which is then closed. */
export function startCli(args: string[], options: SpawnOptions & { stdin?: string } = {}): CliRun {
  const { stdin, ...spawnOptions } = options;
  const child = spawn(process.execPath, ["bin/fuzzy-people.js", ...args], { ...spawnOptions, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin!.end(stdin ?? "");
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderr: () => stderr };
}

export function cli(args: string[], options: SpawnOptions & { stdin?: string } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
