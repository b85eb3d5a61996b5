// Data loader: name, licence and weight size of each model, from data/models.json, for the about page.
// The manifest's download URLs are left out: the site serves its own copies and names no other host.
import { readFileSync } from "node:fs";

interface Manifest {
  models: Record<string, { name: string; licence: string }>;
  files: Array<{ model: string; path: string; bytes: number }>;
}

const manifest = JSON.parse(readFileSync("data/models.json", "utf8")) as Manifest;
const models = Object.entries(manifest.models).map(([id, { name, licence }]) => ({
  id,
  name,
  licence,
  // Weights only: the shards, not the small model.json describing them.
  weightBytes: manifest.files
    .filter((f) => f.model === id && !f.path.endsWith(".json"))
    .reduce((sum, f) => sum + f.bytes, 0),
}));
process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
