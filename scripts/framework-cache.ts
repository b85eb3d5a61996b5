// Fills Observable Framework's npm cache (src/.observablehq/cache/_npm) from node_modules, so that
// `observable build` and `observable preview` make no network requests.
//
// Framework resolves `npm:` imports — including the libraries its own client can load lazily (htl, d3,
// d3-dsv, Plot, Arquero, …) — by asking registry.npmjs.org for a version and jsDelivr for the code, unless
// a `<name>@<version>` folder (and the file) is already in this cache. So, for every library Framework's
// client names:
//   - installed in node_modules and needed by the site's runtime (htl, isoformat, d3-dsv, d3): bundle it
//     with esbuild into `<name>@<installed version>/_esm.js`, where Framework looks for jsDelivr's copy;
//   - installed but not bundled: create the version folder only;
//   - not installed: create a `<name>@0.0.0-not-installed` folder. Framework then needs no version
//     lookup; a page that really uses such a library fails to build (cannot fetch that version) instead
//     of silently pulling code from a CDN. Install the package and add it to BUNDLE to use it.
// Other versions of these libraries in the cache are removed (Framework picks the highest version it
// finds, so a stale one would win).
//
// It also fills Framework's node cache (_node) for the packages whose browser bundles keep imports of Node
// built-ins (NODE_ONLY_IMPORTS): Framework bundles them with its own function, then each `import * as x
// from "fs"` (Node-only code paths that never run in a browser) becomes `const x = {}`. The bundles then load
// in a page and in a module worker alike, with no import map (a worker does not see the page's). Framework
// reuses a cached bundle, so the build serves the rewritten one.
//
// Idempotent; prints one line (and, the first time, Framework's bundler's own lines). Takes the site's root as its argument (default: src).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveNodeImport } from "@observablehq/framework/dist/node.js";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE_ROOT = process.argv[2] ?? "src"; // observablehq.config.ts `root`
const cacheDir = join(root, SOURCE_ROOT, ".observablehq", "cache", "_npm");
const PLACEHOLDER_VERSION = "0.0.0-not-installed";
const HEADER = "/* bundled from node_modules by scripts/framework-cache.ts */";

/** Libraries bundled into the cache: the site's runtime needs them (Inputs, implicit html, FileAttachment.csv, d3). */
const BUNDLE = ["htl", "isoformat", "d3-dsv", "d3"];

/** `npm:` specifiers Framework maps to its own files (src/resolvers.js `builtins`): no version lookup. */
const FRAMEWORK_BUILTINS = new Set([
  "@observablehq/runtime",
  "@observablehq/stdlib",
  "@observablehq/dot",
  "@observablehq/duckdb",
  "@observablehq/inputs",
  "@observablehq/mermaid",
  "@observablehq/tex",
  "@observablehq/sqlite",
]);

/** Packages whose browser bundle imports Node built-ins (the wasm backend: fs, path, perf_hooks, os; mediabunny: node:fs/promises). */
const NODE_ONLY_IMPORTS = ["@tensorflow/tfjs-backend-wasm", "mediabunny"];
const NODE_BUILTIN =
  /^(node:)?(fs|fs\/promises|path|os|perf_hooks|worker_threads|crypto|url|util|module|child_process)$/;
const REWRITTEN = "/* Node built-in imports replaced by empty objects (scripts/framework-cache.ts) */";

const requireFromRoot = createRequire(join(root, "package.json"));
const frameworkDir = dirname(requireFromRoot.resolve("@observablehq/framework/package.json"));
const requireFromFramework = createRequire(join(frameworkDir, "package.json"));

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith(".js")) yield path;
  }
}

/** Every package named by an `npm:` specifier in Framework's browser client, as Framework would look it up. */
function clientLibraries(): string[] {
  const names = new Set<string>(BUNDLE);
  const pattern = /["'`]npm:((?:@[\w.-]+\/)?[\w.-]+)/g;
  for (const file of walk(join(frameworkDir, "dist", "client"))) {
    for (const [, name] of readFileSync(file, "utf8").matchAll(pattern)) {
      if (name && !FRAMEWORK_BUILTINS.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

function installedVersion(name: string): string | undefined {
  // Look for <dir>/<name>/package.json along Node's lookup path: `require.resolve("x/package.json")`
  // fails for packages whose "exports" do not list it (htl, d3).
  for (const req of [requireFromRoot, requireFromFramework]) {
    for (const dir of req.resolve.paths(name) ?? []) {
      const path = join(dir, name, "package.json");
      if (existsSync(path)) return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
    }
  }
  return undefined;
}

async function bundle(name: string, outputPath: string): Promise<void> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: root, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error(`esbuild produced no output for ${name}`);
  await mkdir(dirname(outputPath), { recursive: true });
  await writeFile(outputPath, `${HEADER}\n${code}`);
}

async function cachedVersions(name: string): Promise<string[]> {
  const scopeDir = name.startsWith("@") ? join(cacheDir, name.slice(0, name.indexOf("/"))) : cacheDir;
  const base = name.startsWith("@") ? name.slice(name.indexOf("/") + 1) : name;
  const entries = await readdir(scopeDir).catch(() => [] as string[]);
  return entries.filter((entry) => entry.startsWith(`${base}@`)).map((entry) => entry.slice(base.length + 1));
}

/**
 * Has Framework bundle `name` into its node cache (as the build would), then replaces each import of a Node
 * built-in with an empty object. Throws if an import of another form remains, so a new package version that
 * changes the bundle's shape fails here rather than in a visitor's browser. Returns false if already done.
 */
async function withoutNodeBuiltins(name: string): Promise<boolean> {
  const siteRoot = join(root, SOURCE_ROOT);
  const path = join(siteRoot, ".observablehq", "cache", await resolveNodeImport(siteRoot, name));
  const code = await readFile(path, "utf8");
  if (code.startsWith(REWRITTEN)) return false;
  const imports = /import\s*(?:\*\s*as\s*([\w$]+)\s*from\s*)?(["'])([^"']+)\2/g;
  const rewritten = code.replace(imports, (statement, binding: string | undefined, _quote, specifier: string) => {
    if (!NODE_BUILTIN.test(specifier)) return statement;
    if (!binding) throw new Error(`framework-cache: ${name}: cannot rewrite \`${statement}\` in ${path}`);
    return `const ${binding}={}`;
  });
  const left = [...rewritten.matchAll(/from\s*["']([^"']+)["']/g)]
    .map((m) => m[1]!)
    .filter((s) => NODE_BUILTIN.test(s));
  if (left.length) throw new Error(`framework-cache: ${name}: imports of ${left.join(", ")} left in ${path}`);
  await writeFile(path, `${REWRITTEN}\n${rewritten}`);
  return true;
}

const started = performance.now();
const bundled: string[] = [];
const reused: string[] = [];
const folders: string[] = [];
const removed: string[] = [];
const notInstalled: string[] = [];

await mkdir(cacheDir, { recursive: true });
for (const name of clientLibraries()) {
  const installed = installedVersion(name);
  const version = installed ?? PLACEHOLDER_VERSION;
  if (!installed) notInstalled.push(name);
  for (const stale of await cachedVersions(name)) {
    if (stale === version) continue;
    await rm(join(cacheDir, `${name}@${stale}`), { recursive: true, force: true });
    removed.push(`${name}@${stale}`);
  }
  const folder = join(cacheDir, `${name}@${version}`);
  if (installed && BUNDLE.includes(name)) {
    const outputPath = join(folder, "_esm.js");
    const current = existsSync(outputPath) && (await readFile(outputPath, "utf8")).startsWith(HEADER);
    if (current) reused.push(`${name}@${version}`);
    else {
      await bundle(name, outputPath);
      bundled.push(`${name}@${version}`);
    }
  } else {
    await mkdir(folder, { recursive: true });
    folders.push(`${name}@${version}`);
  }
}

const withoutBuiltins: string[] = [];
for (const name of NODE_ONLY_IMPORTS) if (await withoutNodeBuiltins(name)) withoutBuiltins.push(name);

const missing = BUNDLE.filter((name) => notInstalled.includes(name));
if (missing.length) {
  console.error(`framework-cache: ${missing.join(", ")} not installed; \`npm install\` first`);
  process.exit(1);
}
console.log(
  `framework-cache: ${relative(root, cacheDir)}: bundled ${bundled.length ? bundled.join(" ") : "nothing new"}` +
    (reused.length ? `, kept ${reused.join(" ")}` : "") +
    `, ${folders.length} version folders (${notInstalled.length} not installed)` +
    `, removed ${removed.length ? removed.join(" ") : "no stale versions"}` +
    `, Node built-ins removed from ${withoutBuiltins.length ? withoutBuiltins.join(" ") : "nothing new"}` +
    ` in ${Math.round(performance.now() - started)} ms`,
);
