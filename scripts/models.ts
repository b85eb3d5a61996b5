// Fills data/models/ with the files named in data/models.json: a file that an installed npm package ships
// (its `npm` field, "package@version/path") is copied from node_modules; the others are copied from
// $MODELS_DIR when it is set, otherwise downloaded from their official URLs. Every file is checked against
// its SHA-256 before it is put in place, so a half-written or tampered file never reaches the site or the tests.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface ModelFile {
  model: string;
  path: string;
  url: string;
  bytes: number;
  sha256: string;
  /** "package@version/path" of the same bytes in an npm dependency, e.g. "@vladmandic/human@3.3.6/models/x.bin". */
  npm?: string;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(await readFile(join(root, "data/models.json"), "utf8")) as { files: ModelFile[] };
// --target DIR puts the files elsewhere (the tests use it to check failures without touching data/models).
const targetFlag = process.argv.indexOf("--target");
const target =
  targetFlag > 0 && process.argv[targetFlag + 1] ? resolve(process.argv[targetFlag + 1]!) : join(root, "data/models");
const source = process.env.MODELS_DIR ? resolve(process.env.MODELS_DIR) : undefined;

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function isInPlace(file: ModelFile): Promise<boolean> {
  const path = join(target, file.path);
  const info = await stat(path).catch(() => undefined);
  if (!info || info.size !== file.bytes) return false;
  return sha256(await readFile(path)) === file.sha256;
}

/** The file's bytes from node_modules, after checking that the installed package is the recorded version. */
async function fromPackage(file: ModelFile, npm: string): Promise<Uint8Array> {
  const match = /^((?:@[^/]+\/)?[^/@]+)@([^/]+)\/(.+)$/.exec(npm);
  if (!match) throw new Error(`${file.path}: npm source ${JSON.stringify(npm)} is not "package@version/path"`);
  const [, name, version, inner] = match as unknown as [string, string, string, string];
  const folder = join(root, "node_modules", name);
  const installed = await readFile(join(folder, "package.json"), "utf8").then(
    (text) => (JSON.parse(text) as { version: string }).version,
    () => undefined,
  );
  if (installed !== version) {
    throw new Error(
      `${file.path}: needs npm package ${name}@${version} (${installed ? `${installed} is installed` : "not installed"}; run npm ci)`,
    );
  }
  return readFile(join(folder, inner)).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`${file.path}: not found in ${name}@${version} (${inner}): ${error.code ?? error.message}`);
  });
}

async function fetchBytes(file: ModelFile): Promise<Uint8Array> {
  if (file.npm) return fromPackage(file, file.npm);
  if (source) {
    const from = join(source, file.path);
    return readFile(from).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`${file.path}: not found in MODELS_DIR (${from}): ${error.code ?? error.message}`);
    });
  }
  const response = await fetch(file.url, { signal: AbortSignal.timeout(120_000) }).catch((error: Error) => {
    throw new Error(`${file.path}: download from ${file.url} failed: ${error.cause ?? error.message}`);
  });
  if (!response.ok) throw new Error(`${file.path}: download from ${file.url} failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function install(file: ModelFile): Promise<void> {
  const bytes = await fetchBytes(file);
  const digest = sha256(bytes);
  if (bytes.byteLength !== file.bytes || digest !== file.sha256) {
    throw new Error(
      `${file.path}: checksum mismatch (got ${bytes.byteLength} bytes, sha256 ${digest}; ` +
        `expected ${file.bytes} bytes, sha256 ${file.sha256})`,
    );
  }
  const path = join(target, file.path);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.partial`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

let installed = 0;
let packaged = 0;
const failures: string[] = [];
for (const file of manifest.files) {
  if (await isInPlace(file)) continue;
  try {
    await install(file);
    if (file.npm) packaged++;
    else installed++;
  } catch (error) {
    await rm(join(target, file.path), { force: true });
    failures.push((error as Error).message);
  }
}

if (failures.length > 0) {
  console.error(`models: ${failures.length} of ${manifest.files.length} files could not be installed:`);
  for (const failure of failures) console.error(`  ${failure}`);
  if (!source) console.error("  (set MODELS_DIR to a folder holding these files to install them without a network)");
  process.exit(1);
}
console.log(
  `models: ${manifest.files.length} files verified in ${target}` +
    (installed ? ` (${installed} ${source ? `copied from ${source}` : "downloaded"})` : "") +
    (packaged ? ` (${packaged} copied from npm packages)` : ""),
);
