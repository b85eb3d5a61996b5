// The browser tests' fake camera: a Y4M made from the sample clip at 30 fps, so chromium's fake webcam can
// deliver more than the clip's own 10 frames per second.
import { execFile } from "node:child_process";
import { mkdtemp, open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("scripts/fake-camera.sh", () => {
  it("makes a 640×480 Y4M at 30 fps holding the sample clip's 3 seconds", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "fuzzy-camera-")), "camera.y4m");
    await run("sh", ["scripts/fake-camera.sh", out]);
    const file = await open(out);
    const { buffer } = await file.read(Buffer.alloc(64), 0, 64, 0);
    await file.close();
    expect(buffer.toString("latin1").split("\n")[0]).toMatch(/^YUV4MPEG2 W640 H480 F30:1 /);
    const { stdout } = await run("ffprobe", [
      ...["-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames,r_frame_rate", "-of", "csv=p=0", out],
    ]);
    expect(stdout.trim()).toBe("30/1,90");
  });
});
