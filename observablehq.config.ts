// Observable Framework configuration. The site must build and run with no network: no Google fonts, no
// CDN imports (scripts/framework-cache.ts pre-fills Framework's npm cache from node_modules, and removes the
// Node built-in imports from the wasm backend's bundle, so neither a page nor a worker needs an import map),
// and the model weights are served from this site (data/models/, see components/browser/model-files.ts).

// Content-Security-Policy, in every page (a static site cannot send headers): the page may connect only to
// its own origin, so a photo cannot leave the device even through a bug or an injected script, and no
// third-party script, image, style or font can load. Framework's pages run their code from inline module
// scripts, hence 'unsafe-inline' for scripts (hashes would differ per page and per build); 'wasm-unsafe-eval'
// lets the wasm backend compile; blob: and data: images are the photos and results drawn by the page, and blob:
// media the hidden videos made on the video page (they exist only in the page's memory); blob: workers inherit
// this policy, so the pipeline's workers start from one (components/browser/policed-worker.ts).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
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
<script type="module" src="/components/browser/page-shell.js"></script>
<meta name="description" content="Hide people in photos, in your browser, and see how it works stage by stage.">`,
  footer: "Fuzzy People — everything runs in your browser; your photos never leave your device.",
  pages: [
    { name: "Home", path: "/index" },
    { name: "Moving pictures", path: "/video" },
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
