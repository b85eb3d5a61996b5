// The promise that photos never leave the device, enforced by the browser: every built page carries a
// Content-Security-Policy that lets it connect only to its own origin. A second local server on another
// port is another origin; the page must not reach it, while a page without the policy can.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { closeBrowser, getBrowser, openPage } from "./browser.js";

afterAll(closeBrowser);

/**
 * Servers on other ports (other origins) that answer anyone (CORS *) and count the requests reaching
 * them. "/page" is the site's home page with its policy removed, for the control.
 */
const hits: string[] = [];
const servers: Server[] = [];
async function otherServer(): Promise<string> {
  const stripped = readFileSync(join(inject("distDir"), "index.html"), "utf8").replace(
    /<meta http-equiv="Content-Security-Policy"[^>]*>/,
    "",
  );
  const server = createServer((request, response) => {
    const page = request.url === "/page";
    if (!page) hits.push(request.url ?? "");
    response.writeHead(200, {
      "content-type": page ? "text/html; charset=utf-8" : "text/plain",
      "access-control-allow-origin": "*",
      connection: "close",
    });
    response.end(page ? stripped : "reached");
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
let otherOrigin: string;
let thirdOrigin: string;
beforeAll(async () => {
  otherOrigin = await otherServer();
  thirdOrigin = await otherServer();
});
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done())))));

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith(".html")) yield path;
  }
}

describe("Content-Security-Policy", () => {
  test("every built page declares it, allowing connections to its own origin only", () => {
    const distDir = inject("distDir");
    const pages = [...htmlFiles(distDir)];
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      const html = readFileSync(page, "utf8");
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      expect(policy, relative(distDir, page)).toBeDefined();
      const directives = new Map(
        policy!.split(";").map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values];
        }),
      );
      expect(directives.get("connect-src"), relative(distDir, page)).toEqual(["'self'"]);
      expect(directives.get("default-src")).toEqual(["'self'"]);
      for (const name of ["script-src", "img-src", "media-src", "font-src", "style-src", "worker-src"]) {
        expect(
          directives.get(name)?.some((v) => /^(https?:|\*)/.test(v)),
          `${name} allows no other host`,
        ).toBe(false);
      }
      // The policy must come before the page's own scripts to govern them.
      expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));
    }
  });

  test("a page of the site cannot fetch from another origin, nor load an image from it; its own files still load", async () => {
    const opened = await openPage("");
    try {
      const result = await opened.page.evaluate(async (origin) => {
        const violations: string[] = [];
        document.addEventListener("securitypolicyviolation", (e) =>
          violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
        );
        const attempt = (url: string) =>
          fetch(url).then(
            (r) => r.text(),
            (e: Error) => `blocked: ${e.name}`,
          );
        const foreign = await attempt(`${origin}/photo`);
        const image = await new Promise<string>((done) => {
          const img = new Image();
          img.onload = () => done("loaded");
          img.onerror = () => done("blocked");
          img.src = `${origin}/image.png`;
        });
        const own = await fetch(new URL("detection", document.baseURI)).then((r) => r.status);
        await new Promise((done) => setTimeout(done, 100)); // violation events are queued
        return { foreign, image, own, violations };
      }, otherOrigin);
      expect(result.foreign).toBe("blocked: TypeError");
      expect(result.image).toBe("blocked");
      expect(result.own).toBe(200);
      expect(result.violations).toContain(`connect-src ${otherOrigin}/photo`);
      expect(result.violations).toContain(`img-src ${otherOrigin}/image.png`);
      expect(hits).toEqual([]);
      // The browser reports each blocked load; nothing else went wrong on the page.
      expect(opened.pageErrors).toEqual([]);
      expect(opened.consoleErrors.every((e) => /Content Security Policy/.test(e))).toBe(true);
    } finally {
      await opened.close();
    }
  });

  test("the site's workers are under the page's policy too; a worker loaded straight from its URL would not be", async () => {
    // A worker takes its policy from its script's response headers, which a static host does not send; the
    // site starts its workers from a blob: URL, which inherits the page's policy (policed-worker.ts).
    const distDir = inject("distDir");
    const hashed = (folder: string, name: string) => {
      const file = readdirSync(join(distDir, folder)).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.js$`).test(f));
      expect(file, `${folder}/${name}.*.js in dist`).toBeDefined();
      return `${folder}/${file}`;
    };
    const policed = hashed("_import/components/browser", "policed-worker");
    const script = hashed("_import/components/worker", "pixel-worker");
    const opened = await openPage("");
    try {
      const { page } = opened;
      // A string, not a function: vitest would rewrite the dynamic import inside a function.
      const workers = await page.evaluate(`(async () => {
        const base = document.baseURI;
        const { startPolicedWorker } = await import(new URL(${JSON.stringify(policed)}, base).href);
        const started = (worker) =>
          new Promise((done) => {
            worker.addEventListener("message", () => done("ready"), { once: true });
            worker.addEventListener("error", (e) => done("error " + e.message), { once: true });
          });
        const scriptUrl = new URL(${JSON.stringify(script)}, base).href;
        return {
          policedReady: await started(startPolicedWorker(scriptUrl)),
          directReady: await started(new Worker(scriptUrl, { type: "module" })),
        };
      })()`);
      // Both workers start (the policy lets the site's own modules and wasm load in the policed one).
      expect(workers).toEqual({ policedReady: "ready", directReady: "ready" });
      const [viaBlob, direct] = [
        page.workers().find((w) => w.url().startsWith("blob:") && w.url().includes("#pixel-worker")),
        page.workers().find((w) => w.url().startsWith("http") && w.url().includes("pixel-worker")),
      ];
      expect(viaBlob && direct).toBeDefined();
      const attempt = (url: string) =>
        fetch(url).then(
          (r) => r.text(),
          (e: Error) => `blocked: ${e.name}`,
        );
      expect(await viaBlob!.evaluate(attempt, `${otherOrigin}/from-worker`)).toBe("blocked: TypeError");
      expect(hits).toEqual([]);
      // Control: the same script started from its own URL is not governed by the page's <meta> policy.
      expect(await direct!.evaluate(attempt, `${otherOrigin}/from-direct-worker`)).toBe("reached");
      expect(hits).toEqual(["/from-direct-worker"]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
      hits.length = 0;
    }
  });

  test("control: the same page without the policy, served from another local origin, does reach a third", async () => {
    const context = await (await getBrowser()).newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${otherOrigin}/page`, { waitUntil: "domcontentloaded" });
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
      const text = await page.evaluate((origin) => fetch(`${origin}/photo`).then((r) => r.text()), thirdOrigin);
      expect(text).toBe("reached");
      expect(hits).toContain("/photo");
    } finally {
      await context.close();
      hits.length = 0;
    }
  });
});
