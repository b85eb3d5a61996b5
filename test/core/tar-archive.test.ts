// The data loaders' tar archives are read back by the system's tar exactly (names, sizes, bytes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarArchive } from "../../components/node/tar-archive.js";

describe("tarArchive", () => {
  it("is read back by tar: every file, byte for byte, and sizes that are not a whole block", () => {
    const files = [
      { name: "a.json", data: Buffer.from('{"x":1}') },
      { name: "street-group.jpg.json", data: Buffer.alloc(1300, 7) },
      { name: "empty", data: Buffer.alloc(0) },
    ];
    const dir = mkdtempSync(join(tmpdir(), "tar-"));
    try {
      writeFileSync(join(dir, "x.tar"), tarArchive(files));
      expect(execFileSync("tar", ["-tvf", "x.tar"], { cwd: dir, encoding: "utf8" })).toMatch(/1300 .*street-group/);
      execFileSync("tar", ["-xf", "x.tar"], { cwd: dir });
      for (const { name, data } of files) expect(readFileSync(join(dir, name)).equals(data), name).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a name tar cannot hold", () => {
    expect(() => tarArchive([{ name: "x".repeat(101), data: new Uint8Array() }])).toThrow(/1–100 ASCII/);
  });
});
