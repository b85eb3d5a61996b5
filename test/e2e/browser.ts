// Headless Debian chromium for the end-to-end tests, driven by playwright-core. openPage() records every
// request the page makes and blocks (and reports) any request to a host other than 127.0.0.1: the site
// must work with no network. It also collects console errors and uncaught page errors.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, root } from "./setup.js";

export { CHROMIUM };

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 900 };
export const PHONE: Viewport = { width: 390, height: 844 };

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Every URL requested, in order. */
  requests: string[];
  /** Requests to any host other than 127.0.0.1 (they are aborted). */
  foreignRequests: string[];
  /** Local requests aborted because they matched `options.block`. */
  blockedRequests: string[];
  /** Responses with status >= 400, as "status url". */
  failedResponses: string[];
  consoleErrors: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

let browser: Promise<Browser> | undefined;

/** The shared browser; playwright gives each launch a fresh temporary profile (user-data-dir). */
export function getBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (!browser) return;
  const b = await browser;
  browser = undefined;
  await b.close();
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "127.0.0.1";
}

export interface OpenOptions {
  /** Local URLs to make fail (e.g. /\.wasm$/ to exercise a fallback). */
  block?: RegExp;
  /** Emulates the visitor's wish for less motion (prefers-reduced-motion). */
  reducedMotion?: "reduce" | "no-preference";
  /** Called before the page is opened (e.g. to add routes or init scripts to its context). */
  before?: (context: BrowserContext) => Promise<void>;
}

/** Opens `path` (relative to the site's base URL, e.g. "" or "detection") at the given viewport size. */
export async function openPage(
  path: string,
  viewport: Viewport = DESKTOP,
  options: OpenOptions = {},
): Promise<OpenedPage> {
  const baseUrl = inject("baseUrl");
  const context = await (await getBrowser()).newContext({
    viewport,
    serviceWorkers: "block",
    reducedMotion: options.reducedMotion ?? "no-preference",
  });
  const page = await context.newPage();
  const opened: OpenedPage = {
    page,
    context,
    requests: [],
    foreignRequests: [],
    blockedRequests: [],
    failedResponses: [],
    consoleErrors: [],
    pageErrors: [],
    close: () => context.close(),
  };
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (options.block?.test(url)) {
      opened.blockedRequests.push(url);
      return route.abort("blockedbyclient");
    }
    if (isLocal(url)) return route.continue();
    opened.foreignRequests.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("request", (request) => opened.requests.push(request.url()));
  page.on("response", (response) => {
    if (response.status() >= 400) opened.failedResponses.push(`${response.status()} ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") opened.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => opened.pageErrors.push(error.message));
  await options.before?.(context);
  await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
  return opened;
}

/** Fails with the text of every Observable cell error (`.observablehq--error`) on the page. */
export async function expectNoObservableErrors(page: Page): Promise<void> {
  const errors = await page.locator(".observablehq--error").allTextContents();
  expect(errors, `Observable errors on ${page.url()}`).toEqual([]);
}

/** Saves test-results/screenshots/<name>-<desktop|phone>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const width = page.viewportSize()?.width ?? DESKTOP.width;
  const kind = width < 700 ? "phone" : "desktop";
  const dir = join(root, "test-results", "screenshots");
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}-${kind}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
