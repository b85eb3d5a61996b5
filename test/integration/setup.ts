// The integration tests use the real models: make sure data/models holds verified copies first.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/models.ts"], { stdio: "inherit" });
}
