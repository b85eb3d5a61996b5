// The built site, served under a sub-path with no network: TensorFlow.js (wasm backend) and both models
// load from the site's own files and find people in a sample photo.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, inject, test } from "vitest";
import { DESKTOP, PHONE, closeBrowser, expectNoObservableErrors, openPage, screenshot, type OpenedPage } from "./browser.js";
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
 * the site always passes its own model files, and the browser tests below prove nothing is fetched from
 * there. These two library bundles are the only files allowed to mention that host.
 */
const ALLOWED_MENTIONS: { host: string; file: RegExp }[] = [
  { host: "storage.googleapis.com", file: /^_node\/@tensorflow-models\/(body-pix|coco-ssd)@[^/]+\/index\.[0-9a-f]+\.js$/ },
];

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

afterAll(closeBrowser);

async function runSmokePage(opened: OpenedPage): Promise<{ people: number; backend: string; text: string }> {
  const status = opened.page.locator("#pipeline-status");
  await opened.page.waitForSelector('#pipeline-status[data-state="done"], #pipeline-status[data-state="error"]', {
    timeout: 150_000,
  });
  const text = (await status.textContent()) ?? "";
  expect(await status.getAttribute("data-state"), text).toBe("done");
  return {
    people: Number(await status.getAttribute("data-people")),
    backend: (await status.getAttribute("data-backend")) ?? "",
    text,
  };
}

function expectOffline(opened: OpenedPage): void {
  expect(opened.foreignRequests, "requests to hosts other than 127.0.0.1").toEqual([]);
  expect(opened.failedResponses, "failed responses").toEqual([]);
  expect(opened.pageErrors, "uncaught page errors").toEqual([]);
  expect(opened.consoleErrors, "console errors").toEqual([]);
}

describe("smoke page (built site, served under a sub-path)", () => {
  test("loads the wasm backend and both models from the site and finds people, offline", async () => {
    const opened = await openPage("", DESKTOP);
    try {
      const { people, backend, text } = await runSmokePage(opened);
      console.log(`e2e smoke (desktop): ${text}`);
      expect(people).toBeGreaterThanOrEqual(1);
      expect(backend).toBe("wasm");
      await expectNoObservableErrors(opened.page);
      expectOffline(opened);
      // The models and the wasm binary really came from this site.
      const local = (pattern: RegExp) => opened.requests.filter((url) => pattern.test(url));
      expect(local(/\/_file\/data\/models\/coco-ssd\/lite_mobilenet_v2\/group1-shard\dof5/).length).toBe(5);
      expect(local(/\/_file\/data\/models\/bodypix\/.*group1-shard1of1\./).length).toBe(1);
      expect(local(/\/tfjs-backend-wasm(-simd)?(\.[0-9a-f]+)?\.wasm$/).length).toBeGreaterThanOrEqual(1);
      expect(opened.requests.every((url) => url.startsWith(inject("baseUrl")) || !url.startsWith("http"))).toBe(true);
      await screenshot(opened.page, "smoke");
    } finally {
      await opened.close();
    }
  });

  test("renders on a phone-sized screen", async () => {
    const opened = await openPage("", PHONE);
    try {
      const { people } = await runSmokePage(opened);
      expect(people).toBeGreaterThanOrEqual(1);
      await expectNoObservableErrors(opened.page);
      expectOffline(opened);
      await screenshot(opened.page, "smoke");
    } finally {
      await opened.close();
    }
  });

  test("falls back to webgl, with the reason recorded, when the wasm binary cannot be fetched", async () => {
    const opened = await openPage("", DESKTOP, { block: /\.wasm$/ });
    try {
      const { people, backend } = await runSmokePage(opened);
      expect(backend).toBe("webgl");
      expect(people).toBeGreaterThanOrEqual(1);
      const attempts = JSON.parse((await opened.page.locator("#pipeline-status").getAttribute("data-attempts")) ?? "[]");
      expect(attempts[0]).toMatchObject({ name: "wasm", ok: false });
      expect(attempts[0].reason).toBeTruthy();
      expect(attempts[1]).toEqual({ name: "webgl", ok: true });
      expect(opened.blockedRequests.length).toBeGreaterThanOrEqual(1);
      expect(opened.foreignRequests).toEqual([]);
      await expectNoObservableErrors(opened.page);
    } finally {
      await opened.close();
    }
  });

  test("serves clean URLs (/fuzzy/detection → detection.html) with the site's styles", async () => {
    const opened = await openPage("detection", DESKTOP);
    try {
      expect(await opened.page.title()).toContain("Fuzzy People");
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
    const manifest = JSON.parse(readFileSync(join(root, "data/models.json"), "utf8")) as { files: { path: string; bytes: number }[] };
    const source = readFileSync(join(root, "components/browser/model-files.ts"), "utf8");
    const listed = [...source.matchAll(/"([^"]+)": FileAttachment\("\.\.\/\.\.\/data\/models\/([^"]+)"\)/g)];
    for (const [, key, path] of listed) expect(path).toBe(key);
    expect(listed.map(([, key]) => key).sort()).toEqual(manifest.files.map((f) => f.path).sort());

    const shipped = [...files(join(distDir, "_file/data/models"))].map((f) => relative(join(distDir, "_file/data/models"), f));
    expect(shipped.length).toBe(manifest.files.length);
    for (const { path, bytes } of manifest.files) {
      const stem = path.replace(/(\.[a-z]+)?$/, "");
      const match = shipped.find((s) => s.startsWith(`${stem}.`));
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
