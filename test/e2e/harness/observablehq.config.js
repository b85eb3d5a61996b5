// A test-only Framework site (never part of dist/): one page that loads the pipeline's workers, so the e2e
// tests and the browser bench can drive them. Built by test/e2e/setup.ts into test-results/harness/.
export default {
  root: "test/e2e/harness/src",
  output: "test-results/harness",
  title: "Fuzzy People worker harness",
  globalStylesheets: [],
  footer: "",
  sidebar: false,
  pager: false,
};
