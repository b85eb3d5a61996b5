// The built site as files and as served under a sub-path: no CDN hosts, the model files shipped, content
// types and clean URLs. What the home page does in the browser is tested in home.test.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { closeBrowser, DESKTOP, expectNoObservableErrors, type OpenedPage, openPage } from "./browser.js";
import { mimeType, root } from "./setup.js";

const EXTERNAL_HOSTS = [
  "cdn.jsdelivr.net",
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "registry.npmjs.org",
  "api.observablehq.com",
  "storage.googleapis.com",
];

/**
 * body-pix and coco-ssd keep their default model URLs (storage.googleapis.com) as strings in their code;
 * the site always passes its own model files, and the browser tests (home.test.ts) prove nothing is fetched from
 * there. These two library bundles are the only files allowed to mention that host.
 */
const ALLOWED_MENTIONS: { host: string; file: RegExp }[] = [
  {
    host: "storage.googleapis.com",
    file: /^_node\/@tensorflow-models\/(body-pix|coco-ssd)@[^/]+\/index\.[0-9a-f]+\.js$/,
  },
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

afterAll(closeBrowser);

function expectOffline(opened: OpenedPage): void {
  expect(opened.foreignRequests, "requests to hosts other than 127.0.0.1").toEqual([]);
  expect(opened.failedResponses, "failed responses").toEqual([]);
  expect(opened.pageErrors, "uncaught page errors").toEqual([]);
  expect(opened.consoleErrors, "console errors").toEqual([]);
}

describe("site (built, served under a sub-path)", () => {
  test("serves clean URLs (/fuzzy/detection → detection.html) with the site's styles", async () => {
    const opened = await openPage("detection", DESKTOP);
    try {
      // The page's own title from its front matter, with the site's.
      expect(await opened.page.title()).toBe("Detection | Fuzzy People");
      await expectNoObservableErrors(opened.page);
      expectOffline(opened);
    } finally {
      await opened.close();
    }
  });
});

describe("dist/", () => {
  const distDir = inject("distDir");

  test("names no CDN, font or model host (outside the allowed library defaults)", () => {
    const mentions: string[] = [];
    for (const file of files(distDir)) {
      if (!/\.(html|js|css|json|txt|map)$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      const name = relative(distDir, file).split("\\").join("/");
      for (const host of EXTERNAL_HOSTS) {
        if (!text.includes(host)) continue;
        if (ALLOWED_MENTIONS.some((allowed) => allowed.host === host && allowed.file.test(name))) continue;
        mentions.push(`${name}: ${host}`);
      }
    }
    expect(mentions).toEqual([]);
  });

  test("ships exactly the model files of data/models.json, each listed in components/browser/model-files.ts", () => {
    const manifest = JSON.parse(readFileSync(join(root, "data/models.json"), "utf8")) as {
      files: { path: string; bytes: number }[];
    };
    const source = readFileSync(join(root, "components/browser/model-files.ts"), "utf8");
    const listed = [...source.matchAll(/"([^"]+)":\s*FileAttachment\(\s*"\.\.\/\.\.\/data\/models\/([^"]+)",?\s*\)/g)];
    for (const [, key, path] of listed) expect(path).toBe(key);
    expect(listed.map(([, key]) => key).sort()).toEqual(manifest.files.map((f) => f.path).sort());

    const shipped = [...files(join(distDir, "_file/data/models"))].map((f) =>
      relative(join(distDir, "_file/data/models"), f),
    );
    expect(shipped.length).toBe(manifest.files.length);
    for (const { path, bytes } of manifest.files) {
      // Framework inserts a content hash before the extension: "x.json" ships as "x.<hash>.json".
      const [, stem, ext = ""] = /^(.*?)(\.[a-z]+)?$/.exec(path)!;
      const match = shipped.find(
        (s) => s.startsWith(`${stem}.`) && s.endsWith(ext) && !s.slice(stem!.length + 1).includes("/"),
      );
      expect(match, `${path} in dist/_file/data/models`).toBeDefined();
      expect(statSync(join(distDir, "_file/data/models", match!)).size).toBe(bytes);
    }
  });

  test("is served with the right content types", async () => {
    const baseUrl = inject("baseUrl");
    const wasm = [...files(distDir)].find((f) => f.endsWith(".wasm"));
    const shard = [...files(distDir)].find((f) => /group1-shard1of5\.[0-9a-f]+$/.test(f));
    expect(wasm).toBeDefined();
    expect(shard).toBeDefined();
    const cases: [string, string][] = [
      ["", "text/html; charset=utf-8"],
      ["detection", "text/html; charset=utf-8"],
      [relative(distDir, wasm!), "application/wasm"],
      [relative(distDir, shard!), "application/octet-stream"],
    ];
    for (const [path, type] of cases) {
      const response = await fetch(new URL(path, baseUrl));
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toBe(type);
      expect(response.headers.get("connection"), path).toBe("close");
      await response.arrayBuffer();
    }
    expect(mimeType("x.js")).toMatch(/^text\/javascript/);
    expect(mimeType("x.css")).toMatch(/^text\/css/);
    expect(mimeType("x.json")).toMatch(/^application\/json/);
    expect(mimeType("x.png")).toBe("image/png");
    expect(mimeType("x.jpg")).toBe("image/jpeg");
    expect((await fetch(new URL("../", baseUrl), { redirect: "manual" })).status).toBe(302);
    expect((await fetch(new URL("no-such-page", baseUrl))).status).toBe(404);
  });
});
