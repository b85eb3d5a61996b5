#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the CLI, the tests and the site share one source.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../components/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
