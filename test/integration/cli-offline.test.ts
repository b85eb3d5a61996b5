// The CLI needs no network once the models are in data/models: run with every socket failing (a preload
// that throws on any connection, name lookup or fetch, and reports it), and, where this machine allows it
// (root and `unshare`), in a network namespace with no network at all.
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const PRELOAD = ["--import", "./test/integration/no-network.mjs"];

async function exec(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** A local server, to show that the blocking works: without it a connection succeeds. */
let url: string;
const server = createServer((_, response) => response.end("ok"));
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const fetchScript = (target: string) =>
  `fetch(${JSON.stringify(target)}).then(r => r.text()).then(t => console.log("got " + t), e => { console.log("failed " + e.message); process.exit(3); })`;

async function hidesOnePhoto(prefix: string[]): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), "fuzzy-offline-"));
  const [command, ...args] = [...prefix, process.execPath, ...PRELOAD, "bin/fuzzy-people.js"];
  const result = await exec(command!, [...args, "--out-dir", out, "data/samples/street-walker.jpg"]);
  expect(result.stderr).not.toMatch(/network attempt/);
  expect(result.code, result.stderr).toBe(0);
  expect(await readdir(out)).toEqual(["street-walker.jpg"]);
  const written = await sharp(join(out, "street-walker.jpg")).metadata();
  expect([written.width, written.height]).toEqual([768, 576]);
}

describe("the CLI with no network", () => {
  it("control: the preload makes a connection fail and reports it", async () => {
    const plain = await exec(process.execPath, ["-e", fetchScript(url)]);
    expect(plain.stdout).toContain("got ok");
    const blocked = await exec(process.execPath, [...PRELOAD, "-e", fetchScript(url)]);
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toContain(`network attempt: fetch ${url}`);
    const socket = await exec(process.execPath, [
      ...PRELOAD,
      "-e",
      `require("node:http").get(${JSON.stringify(url)}).on("error", () => {})`,
    ]);
    expect(socket.stderr).toMatch(/network attempt: (socket connect|net\.connect)/);
  });

  it("hides the people in a photo without trying to connect anywhere", async () => {
    await hidesOnePhoto([]);
  });

  const unshare = process.getuid?.() === 0 && spawnSync("unshare", ["-n", "true"]).status === 0;
  it.runIf(unshare)("hides the people in a photo inside a network namespace with no network (unshare -n)", async () => {
    // Control: in the namespace even the local server on 127.0.0.1 is out of reach.
    const cut = await exec("unshare", ["-n", process.execPath, "-e", fetchScript(url)]);
    expect(cut.code).toBe(3);
    await hidesOnePhoto(["unshare", "-n"]);
  });
});
