// Observable Framework configuration. The site must build and run with no network: no Google fonts, no
// CDN imports (scripts/framework-cache.ts pre-fills Framework's npm cache from node_modules, and removes the
// Node built-in imports from the wasm backend's bundle, so neither a page nor a worker needs an import map),
// and the model weights are served from this site (data/models/, see components/browser/model-files.ts).

export default {
  root: "src",
  title: "Fuzzy People",
  // Framework's themes (air, near-midnight) plus accessibility overrides: see src/style.css.
  style: "style.css",
  globalStylesheets: [],
  head: `<script type="module" src="/components/browser/page-shell.js"></script>
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
