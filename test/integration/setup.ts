// The integration tests use the real models and Debian's ffmpeg: make sure data/models holds verified copies
// and ffmpeg is installed first.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync("sh", ["scripts/ensure-system-packages.sh"], { stdio: "inherit" });
  execFileSync(process.execPath, ["--import", "tsx", "scripts/models.ts"], { stdio: "inherit" });
}
