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

export default {
  root: "src",
  title: "Fuzzy People",
  // Framework's themes (air, near-midnight) plus accessibility overrides: see src/style.css.
  style: "style.css",
  globalStylesheets: [],
  head: `<script type="importmap">${JSON.stringify(importMap)}</script>
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
