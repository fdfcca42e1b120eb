/// <reference path="../../../packages/blobs/src/s3rver.d.ts" />
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { describe, expect, it } from "vitest";
import { createPgDatabase, type PgDatabase } from "./harness";
import { png } from "./png";
import { createApiKeyInUi, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";
import { runSdkScript, wandbPython } from "./wandb-sdk";

/**
 * The browser suite runs on the embedded SQLite; this file is its smoke run on the fleet's
 * engines (issue 16): `npm start` with DATABASE_URL=postgres://… on a fresh database, which
 * Homebase migrates at start, and BLOB_STORE_URL=s3://… on s3rver, a local server that speaks the
 * S3 protocol. A user signs up in Chromium, switches a beta feature on, uploads a profile picture,
 * creates an API key and trains with the real wandb SDK; the rows land in PostgreSQL, the picture
 * in the bucket, and DATA_DIR holds neither a SQLite file nor blobs.
 */
const BUCKET = "homebase-smoke";

interface S3Service {
  endpoint: string;
  /** s3rver keeps each object as files under this folder. */
  directory: string;
  close(): Promise<void>;
}

async function startS3(): Promise<S3Service> {
  const directory = mkdtempSync(join(tmpdir(), "homebase-s3rver-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

const suite = setUpSuite<{ postgres: PgDatabase; s3: S3Service }>({
  services: { postgres: createPgDatabase, s3: startS3 },
  env: ({ postgres, s3 }) => ({
    DATABASE_URL: postgres.url,
    DATABASE_POOL_SIZE: "4",
    BLOB_STORE_URL: `s3://${BUCKET}/smoke`,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  }),
});

describe("Homebase on PostgreSQL", () => {
  it("signs up, keeps a setting, uploads a picture, creates a key and records a wandb run, in PostgreSQL and S3", async () => {
    const { page, homebase } = suite;
    const db = suite.services.postgres.client;
    const account = newAccount("pg");
    await signUp(page, account);

    // /readyz checks the configured database.
    const ready = await (await fetch(`${homebase.url}/readyz`)).json();
    expect(ready).toMatchObject({ status: "ready", checks: { database: "ok" } });

    // A setting saved in the browser survives a reload, and is a row in PostgreSQL.
    await page.goto("/settings/beta-features");
    const comparer = page.getByRole("switch", { name: "Run comparer v2" });
    await expect.poll(() => comparer.isChecked()).toBe(false);
    const saved = page.waitForResponse(
      (res) => res.request().method() === "PUT" && res.url().includes("/api/v1/me/beta-features/"),
    );
    await comparer.click();
    expect((await saved).ok()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole("switch", { name: "Run comparer v2" }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, "beta features on PostgreSQL");

    const users = await db.query("select username, is_admin as admin from users");
    expect(users.rows).toEqual([{ username: account.username, admin: true }]);

    // A profile picture goes to the bucket, and comes back from it through Homebase.
    const upload = await page.request.put("/api/v1/me/avatar", {
      headers: { "Content-Type": "image/png", Origin: homebase.url },
      data: png(64),
    });
    expect(upload.status()).toBe(200);
    const { avatarUrl } = (await upload.json()) as { avatarUrl: string };
    const avatar = await page.request.get(avatarUrl);
    expect(avatar.status()).toBe(200);
    expect(avatar.headers()["content-type"]).toBe("image/webp");
    const digest = /([0-9a-f]{32})\.webp$/.exec(avatarUrl)?.[1] ?? "none";
    expect(filesUnder(suite.services.s3.directory).some((f) => f.includes(digest))).toBe(true);

    // A key from the UI drives a real training script.
    const { key, id } = await createApiKeyInUi(page, "pg smoke");
    const row = page.getByRole("row").filter({ hasText: id });
    const nevers = async () => ((await row.textContent()) ?? "").split("Never").length - 1;
    const neversBefore = await nevers();
    expect(neversBefore).toBeGreaterThan(0);
    const python = await wandbPython();
    const run = await runSdkScript(
      python,
      [
        "import wandb",
        'run = wandb.init(project="pg-smoke", name="pg-smoke-run")',
        "for step in range(5):",
        '    run.log({"loss": 1.0 / (step + 1)})',
        "run.finish()",
      ].join("\n"),
      { baseUrl: homebase.url, apiKey: key, timeoutMs: 120_000 },
    );
    expect(run.code, run.output).toBe(0);
    const runs = async () =>
      (await db.query("select name, state from runs where name = 'pg-smoke-run'")).rows as {
        name: string;
        state: string;
      }[];
    await eventually(runs, 30_000).toEqual([{ name: "pg-smoke-run", state: "finished" }]);

    // The key is recorded as used, and its row no longer says "Never" under Last used.
    const lastUsed = async () =>
      (await db.query("select last_used_at is not null as used from api_keys where id = $1", [id])).rows;
    await eventually(lastUsed, 15_000).toEqual([{ used: true }]);
    await page.reload();
    await eventually(nevers, 15_000).toBe(neversBefore - 1);

    // The files the SDK uploaded (config, summary, requirements…) are objects in the bucket, one per file.
    const files = await db.query(
      "select r.id, count(*)::int as n from run_files f join runs r on r.id = f.run_id where r.name = 'pg-smoke-run' group by r.id",
    );
    const { id: runId, n: fileCount } = files.rows[0] as { id: string; n: number };
    expect(fileCount).toBeGreaterThan(0);
    const runObjects = filesUnder(suite.services.s3.directory).filter(
      (f) => f.includes(`/run-files/${runId}/`) && f.endsWith("._S3rver_object"),
    );
    expect(runObjects.length).toBe(fileCount);

    // Nothing went to a SQLite file or to blob folders in DATA_DIR.
    expect(filesUnder(homebase.dataDir).filter((f) => /sqlite|avatars|run-files/.test(f))).toEqual([]);
    expect(existsSync(join(homebase.dataDir, "homebase.sqlite"))).toBe(false);
  }, 240_000);
});
