// Runs the fuzzy-people command as a user would, as its own process, and collects its exit status and output.
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/fuzzy-people.js", import.meta.url));

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

export interface CliOptions extends SpawnOptions {
  /** Written to the command's standard input, which is then closed. */
  readonly stdin?: string;
  /** A command that runs it (such as setpriv with its options). */
  readonly wrapper?: readonly string[];
}

export function startCli(args: string[], options: CliOptions = {}): CliRun {
  const { stdin, wrapper = [], ...spawnOptions } = options;
  const command = [...wrapper, process.execPath, BIN, ...args];
  const child = spawn(command[0]!, command.slice(1), { ...spawnOptions, stdio: "pipe" });
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

export function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}
