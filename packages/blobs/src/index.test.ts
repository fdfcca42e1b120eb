import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileTooLargeError, isValidRunFilePath, runFileStore } from "./index";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "blobs-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const body = (text: string) => new Blob([text]).stream();

describe("run files on disk", () => {
  it("streams a file in with its SHA-256, replaces it on re-upload, and removes a run's files", async () => {
    const store = runFileStore(dir);
    const first = await store.put("run-1", "media/a.txt", body("hello"), 100);
    expect(first).toEqual({
      size: 5,
      digest: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    });
    await store.put("run-1", "media/a.txt", body("hello, world"), 100);
    expect(readFileSync(store.path("run-1", "media/a.txt"), "utf8")).toBe("hello, world");
    expect(readdirSync(join(dir, "run-files", "run-1"))).toHaveLength(1);
    await store.removeRun("run-1");
    expect(existsSync(join(dir, "run-files", "run-1"))).toBe(false);
  });

  it("refuses a file over the limit and leaves nothing behind, not even the earlier copy's neighbour", async () => {
    const store = runFileStore(dir);
    await store.put("run-2", "kept.txt", body("kept"), 100);
    await expect(store.put("run-2", "big.bin", body("x".repeat(101)), 100)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(readdirSync(join(dir, "run-files", "run-2"))).toEqual([
      readdirSync(join(dir, "run-files", "run-2")).find((f) => !f.endsWith(".part")),
    ]);
    expect(readFileSync(store.path("run-2", "kept.txt"), "utf8")).toBe("kept");
  });
});

describe("run-file paths", () => {
  it("accepts the SDK's relative names and refuses escapes and control characters", () => {
    for (const ok of ["output.log", "wandb-summary.json", "media/images/a_1.png", "code/src/train.py"]) {
      expect(isValidRunFilePath(ok), ok).toBe(true);
    }
    for (const bad of ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "a\\b", "a\u0000b", "x".repeat(1025)]) {
      expect(isValidRunFilePath(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
