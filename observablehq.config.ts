// Observable Framework configuration. The site must build and run with no network: no Google fonts, no
// CDN imports (scripts/framework-cache.ts pre-fills Framework's npm cache from node_modules), and the
// model weights are served from this site (data/models/, see components/browser/model-files.ts).

// @tensorflow/tfjs-backend-wasm's browser bundle still contains `import "fs"` (and path, os, …) for its
// Node code path, which never runs in a browser. Map those bare specifiers to an empty module so the
// bundle loads. A data: URL keeps it self-contained (no extra file, no network request).
const EMPTY_MODULE = "data:text/javascript,export default {};";
const NODE_BUILTINS = ["fs", "path", "os", "worker_threads", "perf_hooks", "crypto", "url", "util"];
const importMap = {
  imports: Object.fromEntries(
    NODE_BUILTINS.flatMap((name) => [
      [name, EMPTY_MODULE],
      [`node:${name}`, EMPTY_MODULE],
    ]),
  ),
};

// Content-Security-Policy, in every page (a static site cannot send headers): the page may connect only to
// its own origin, so a photo cannot leave the device even through a bug or an injected script, and no
// third-party script, image, style or font can load. Framework's pages run their code from inline module
// scripts and the import map above is inline too, hence 'unsafe-inline' for scripts (hashes would differ
// per page and per build); data: serves the import map's empty modules; 'wasm-unsafe-eval' lets the wasm
// backend compile; blob: and data: images are the photos and results drawn by the page.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' data:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");

export default {
  root: "src",
  title: "Fuzzy People",
  // Framework's themes (air, near-midnight) plus accessibility overrides: see src/style.css.
  style: "style.css",
  globalStylesheets: [],
  head: `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module" src="/components/browser/page-shell.js"></script>
<meta name="description" content="Hide people in photos, in your browser, and see how it works stage by stage.">`,
  footer: "Fuzzy People — everything runs in your browser; your photos never leave your device.",
  pages: [
    { name: "Home", path: "/index" },
    {
      name: "How it works",
      open: true,
      pages: [
        { name: "Detection", path: "/detection" },
        { name: "Segmentation", path: "/segmentation" },
        { name: "Mask", path: "/mask" },
        { name: "Fuzz", path: "/fuzz" },
      ],
    },
    { name: "Compare", path: "/compare" },
    { name: "Privacy", path: "/privacy" },
    { name: "About", path: "/about" },
  ],
};
