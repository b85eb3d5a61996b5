// Global setup of the "e2e" project: makes sure chromium is installed, builds the site (models +
// Framework's npm cache + `observable build`), and serves dist/ under a sub-path on 127.0.0.1 to show
// the site works when it is not at the root of its host. Tests read the URL with inject("baseUrl").
// It also builds the worker harness (test/e2e/harness: a test-only page that drives the pipeline's workers,
// never part of dist/) into test-results/harness/, served under /harness/ (inject("harnessUrl")).
//
// E2E_SKIP_BUILD=1 reuses an existing dist/ when it is newer than every source (for fast local
// iteration); CI never sets it, so CI always builds.
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the built site, ending in "/", e.g. http://127.0.0.1:41234/fuzzy/ */
    baseUrl: string;
    /** Absolute path of the built site (dist/). */
    distDir: string;
    /** URL of the worker harness page, e.g. http://127.0.0.1:41234/harness/ */
    harnessUrl: string;
  }
}

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const distDir = join(root, "dist");
/** The site is served under this path, not at the root. */
export const BASE_PATH = "/fuzzy/";
export const harnessDir = join(root, "test-results", "harness");
export const HARNESS_PATH = "/harness/";
const HARNESS_SOURCE = "test/e2e/harness/src";
const HARNESS_CONFIG = "test/e2e/harness/observablehq.config.js";
/** What the server serves: each URL prefix and its folder. */
const SITES = [
  { prefix: BASE_PATH, dir: distDir },
  { prefix: HARNESS_PATH, dir: harnessDir },
];

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".bin": "application/octet-stream",
};

/** Content type of a served file; model shards have no extension (or a hash as one): octet-stream. */
export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

function newestMtime(path: string): number {
  // lstat: src/components and src/data are symlinks to folders that are walked on their own.
  const info = lstatSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === ".observablehq" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function sourcesMtime(): number {
  const inputs = ["src", "components", "data", "observablehq.config.ts", "package-lock.json"];
  return Math.max(
    ...inputs
      .map((p) => join(root, p))
      .filter(existsSync)
      .map(newestMtime),
  );
}

function canSkipBuild(dir = distDir): boolean {
  if (process.env.E2E_SKIP_BUILD !== "1") return false;
  const index = join(dir, "index.html");
  if (!existsSync(index)) return false;
  return statSync(index).mtimeMs > Math.max(sourcesMtime(), newestMtime(join(root, "test/e2e/harness")));
}

/** Debian's chromium and the flags it is launched with (shared by the e2e tests and bench/browser.ts). */
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Chromium's flags for a fake camera playing `y4m` (scripts/fake-camera.sh makes it), allowed without asking. */
export function fakeCameraArgs(y4m: string): string[] {
  return [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${y4m}`,
  ];
}

export function ensureChromium(): void {
  const result = spawnSync("sh", [join(root, "scripts/ensure-system-packages.sh")], { stdio: "inherit" });
  if (result.status !== 0)
    throw new Error("chromium is not available: see the message above (scripts/ensure-system-packages.sh)");
}

/** Runs a command in the project's folder; throws with the tail of its output if it fails. Returns the output. */
async function run(command: string, args: string[]): Promise<string> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolveExit, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("exit", resolveExit);
  });
  const log = output.join("");
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${log.split("\n").slice(-60).join("\n")}`);
  }
  return log;
}

/** `npm run build` (models, Framework's npm cache, `observable build`) into dist/; throws with the log's tail. */
export async function buildSite(): Promise<void> {
  const started = Date.now();
  const log = await run("npm", ["run", "build"]);
  const cacheLine = log.split("\n").find((line) => line.startsWith("framework-cache:")) ?? "";
  console.log(
    `e2e: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s${cacheLine ? ` (${cacheLine})` : ""}`,
  );
}

/** The worker harness into test-results/harness/ (models checked first, as `npm run build` does). */
export async function buildHarness(): Promise<void> {
  const started = Date.now();
  await run("npx", ["tsx", "scripts/models.ts"]);
  await run("npx", ["tsx", "scripts/framework-cache.ts", HARNESS_SOURCE]);
  await run("npx", ["observable", "build", "--config", HARNESS_CONFIG]);
  console.log(`e2e: built the worker harness in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Resolves a request path under a served prefix to a file, the way a static host with clean URLs does. */
export function resolveFile(urlPath: string): string | undefined {
  const site = SITES.find(({ prefix }) => urlPath.startsWith(prefix));
  if (!site) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(site.prefix.length));
  } catch {
    return undefined;
  }
  const path = normalize(join(site.dir, relative));
  if (path !== site.dir && !path.startsWith(site.dir + sep)) return undefined; // no ../ escapes
  const candidates =
    relative === "" || relative.endsWith("/")
      ? [join(path, "index.html")]
      : [path, `${path}.html`, join(path, "index.html")];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Files Framework names by their content (the same name is always the same bytes). */
const HASHED = /\/_(import|node|npm|observablehq|file)\//;

export interface ServeOptions {
  /**
   * Serve as a static host does: connections kept alive, content-hashed files cacheable (a page and its workers
   * share the module files they both load). By default every request is its own connection and nothing is
   * cached, so each test sees exactly what it fetches.
   */
  readonly asStaticHost?: boolean;
}

function serve(request: IncomingMessage, response: ServerResponse, { asStaticHost = false }: ServeOptions): void {
  const urlPath = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
  if (!asStaticHost) response.setHeader("Connection", "close");
  response.setHeader(
    "Cache-Control",
    !asStaticHost ? "no-store" : HASHED.test(urlPath) ? "public, max-age=31536000, immutable" : "no-cache",
  );
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { "Content-Type": "text/plain" }).end("method not allowed");
    return;
  }
  if (urlPath === "/" || urlPath === BASE_PATH.slice(0, -1) || urlPath === HARNESS_PATH.slice(0, -1)) {
    response.writeHead(302, { Location: urlPath === "/" ? BASE_PATH : `${urlPath}/` }).end();
    return;
  }
  const file = resolveFile(urlPath);
  const notFound = join(distDir, "404.html");
  const status = file ? 200 : 404;
  const body = file ?? (urlPath.startsWith(BASE_PATH) && existsSync(notFound) ? notFound : undefined);
  if (!body) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  response.writeHead(status, { "Content-Type": mimeType(body), "Content-Length": statSync(body).size });
  if (request.method === "HEAD") response.end();
  else createReadStream(body).pipe(response);
}

/** Serves dist/ under BASE_PATH (and the harness under HARNESS_PATH) on 127.0.0.1; URLs end in "/". */
export async function startStaticServer(
  options: ServeOptions = {},
): Promise<{ baseUrl: string; harnessUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => serve(request, response, options));
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ready());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${BASE_PATH}`,
    harnessUrl: `http://127.0.0.1:${port}${HARNESS_PATH}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureChromium();
  if (canSkipBuild()) console.log("e2e: E2E_SKIP_BUILD=1 and dist/ is newer than the sources: not rebuilding");
  else await buildSite();
  if (canSkipBuild(harnessDir)) console.log("e2e: E2E_SKIP_BUILD=1 and the harness is newer than the sources");
  else await buildHarness();

  const server = await startStaticServer();
  console.log(`e2e: serving dist/ at ${server.baseUrl}, the worker harness at ${server.harnessUrl}`);
  project.provide("baseUrl", server.baseUrl);
  project.provide("distDir", distDir);
  project.provide("harnessUrl", server.harnessUrl);
  return () => server.close();
}
