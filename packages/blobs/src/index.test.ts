import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  avatarBlobs,
  type BlobStore,
  createBlobStore,
  FileTooLargeError,
  fileBlobStore,
  isAvatarKey,
  isValidRunFilePath,
  runFileKey,
  runFileStore,
} from "./index";

const body = (text: string) => new Blob([text]).stream();
const HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "blobs-"));
  dirs.push(dir);
  return dir;
};

// s3rver speaks the S3 REST protocol (SigV4, ListObjectsV2, multipart) on a local port.
let s3: S3rver;
let s3Endpoint: string;
beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: tempDir(),
    configureBuckets: [{ name: "homebase-test", configs: [] }],
  });
  const { port } = await s3.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const backends: [string, () => BlobStore][] = [
  ["the filesystem", () => createBlobStore({ dataDir: tempDir() })],
  [
    "an S3-compatible store (s3rver)",
    () => {
      // The SDK's credential chain reads these from the environment, as in production.
      vi.stubEnv("AWS_ACCESS_KEY_ID", "S3RVER");
      vi.stubEnv("AWS_SECRET_ACCESS_KEY", "S3RVER");
      return createBlobStore({
        url: `s3://homebase-test/t${Date.now()}`,
        dataDir: tempDir(),
        s3: { endpoint: s3Endpoint, region: "us-east-1" },
      });
    },
  ],
];

describe.each(backends)("blobs on %s", (_name, make) => {
  it("streams a blob in with its size and SHA-256, reads it back and replaces it on re-upload", async () => {
    const store = make();
    expect(await store.put("avatars/a.webp", body("hello"))).toEqual({ size: 5, digest: HELLO_SHA256 });
    expect((await store.get("avatars/a.webp"))?.toString()).toBe("hello");
    await store.put("avatars/a.webp", Buffer.from("hello, world"));
    expect((await store.get("avatars/a.webp"))?.toString()).toBe("hello, world");
    expect(await store.get("avatars/missing.webp")).toBeNull();
    await store.delete("avatars/a.webp");
    await store.delete("avatars/a.webp");
    expect(await store.get("avatars/a.webp")).toBeNull();
  });

  it("refuses a blob over the limit and keeps the earlier one of the same key", async () => {
    const store = make();
    await store.put("run-files/r/kept", body("kept"), { maxBytes: 100 });
    await expect(store.put("run-files/r/kept", body("x".repeat(101)), { maxBytes: 100 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    expect((await store.get("run-files/r/kept"))?.toString()).toBe("kept");
  });

  it("streams a multi-megabyte body (multipart on S3) and deletes a whole prefix", async () => {
    const store = make();
    const big = Buffer.alloc(11 * 1024 * 1024, 7);
    const stored = await store.put("run-files/run-9/big", new Blob([big]).stream(), { maxBytes: big.length });
    expect(stored.size).toBe(big.length);
    expect((await store.get("run-files/run-9/big"))?.equals(big)).toBe(true);
    await store.put("run-files/run-9/small", body("s"));
    await store.put("run-files/run-10/other", body("o"));
    await store.deletePrefix("run-files/run-9");
    expect(await store.get("run-files/run-9/big")).toBeNull();
    expect(await store.get("run-files/run-9/small")).toBeNull();
    expect((await store.get("run-files/run-10/other"))?.toString()).toBe("o");
  });

  it("run files: one blob per run and path", async () => {
    const files = runFileStore(make());
    expect(await files.put("run-1", "media/a.txt", body("hello"), 100)).toEqual({ size: 5, digest: HELLO_SHA256 });
    await files.put("run-1", "media/a.txt", body("hello, world"), 100);
    expect((await files.get("run-1", "media/a.txt"))?.toString()).toBe("hello, world");
    await files.removeRun("run-1");
    expect(await files.get("run-1", "media/a.txt")).toBeNull();
  });

  it("refuses keys that could leave the store", async () => {
    const store = make();
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a//b", "", "a\\b"]) {
      await expect(store.put(bad, body("x")), bad).rejects.toThrow(/Invalid blob key/);
    }
  });
});

describe("blobs on disk", () => {
  it("keeps the DATA_DIR layout (run-files/<run>/<sha256 of path>) and leaves no partial file", async () => {
    const dir = tempDir();
    const files = runFileStore(fileBlobStore(dir));
    await files.put("run-2", "kept.txt", body("kept"), 100);
    await expect(files.put("run-2", "big.bin", body("x".repeat(101)), 100)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(readdirSync(join(dir, "run-files", "run-2"))).toEqual([runFileKey("run-2", "kept.txt").split("/")[2]]);
    await files.removeRun("run-2");
    expect(existsSync(join(dir, "run-files", "run-2"))).toBe(false);
  });
});

describe("BLOB_STORE_URL", () => {
  it("selects the backend and refuses anything else with the variable's name", () => {
    expect(createBlobStore({ dataDir: "/tmp/x" }).kind).toBe("file");
    expect(createBlobStore({ url: "file:///srv/blobs", dataDir: "/tmp/x" }).kind).toBe("file");
    expect(createBlobStore({ url: "s3://bucket/pre/fix", dataDir: "/tmp/x" }).kind).toBe("s3");
    expect(() => createBlobStore({ url: "ftp://x", dataDir: "/tmp/x" })).toThrow(/BLOB_STORE_URL/);
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

describe.each(backends)("avatars on %s", (_name, make) => {
  it("stores a picture under its digest, reads it back, and never touches a key of another shape", async () => {
    const own = avatarBlobs(make());
    const k = await own.save(Buffer.from("webp-bytes"));
    expect(k).toMatch(/^[0-9a-f]{32}\.webp$/);
    expect((await own.read(k))?.toString()).toBe("webp-bytes");
    expect(await own.read("../secret.key")).toBeNull();
    await own.remove("../secret.key");
    await own.remove(k);
    expect(await own.read(k)).toBeNull();
    expect(isAvatarKey(k)).toBe(true);
  });
});
