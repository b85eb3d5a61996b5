// coco-ssd publishes a tsconfig.json that extends "../tsconfig", which does not exist in node_modules;
// Framework's bundler follows it and fails. Removing the stray file is harmless for everything else.
import { rmSync } from "node:fs";

rmSync(new URL("../node_modules/@tensorflow-models/coco-ssd/tsconfig.json", import.meta.url), { force: true });
