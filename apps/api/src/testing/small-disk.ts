import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A small file system of its own (a 6 MB tmpfs) that a test can fill to the last byte: how an
 * operator's full disk is reproduced honestly, without mocks. Mounting needs root, which these
 * machines run tests as; without it, `mount()` throws and says so.
 */
export interface SmallDisk {
  /** The mount point: a directory on the small file system. */
  readonly path: string;
  /** Fills the file system with one file, to the last byte; returns the file's path (delete it to free the space). */
  fill(): string;
  /** Unmounts and deletes the mount point. */
  unmount(): void;
}

/** Mounts a fresh small tmpfs (`size` as mount(8) takes it, default "6m"). */
export function mountSmallDisk(size = "6m"): SmallDisk {
  const path = mkdtempSync(join(tmpdir(), "homebase-fulldisk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", path]);
  } catch (err) {
    throw new Error(`This test mounts a small tmpfs and must run as root: ${(err as Error).message}`);
  }
  return {
    path,
    fill() {
      const filler = join(path, "filler");
      const chunk = Buffer.alloc(64 * 1024);
      let written = 0;
      try {
        for (;;) {
          writeFileSync(filler, chunk, { flag: "a" });
          written += chunk.length;
        }
      } catch {
        // ENOSPC: full. Smaller pieces take the last bytes.
        try {
          for (;;) writeFileSync(filler, Buffer.alloc(512), { flag: "a" });
        } catch {
          // full to the byte
        }
      }
      if (written === 0) throw new Error(`Nothing could be written to ${path}: it was full already.`);
      return filler;
    },
    unmount() {
      try {
        execFileSync("umount", [path]);
      } catch {
        // not mounted
      }
      rmSync(path, { recursive: true, force: true });
    },
  };
}
