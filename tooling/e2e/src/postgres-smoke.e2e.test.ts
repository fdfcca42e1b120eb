import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPgDatabase, type PgDatabase } from "./harness";
import { createApiKeyInUi, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";
import { runSdkScript, wandbPython } from "./wandb-sdk";

/**
 * The browser suite runs on the embedded SQLite; this file is its smoke run on PostgreSQL (issue
 * 16): `npm start` with DATABASE_URL=postgres://… on a fresh database, which Homebase migrates at
 * start. A user signs up in Chromium, switches a beta feature on, creates an API key, and trains
 * with the real wandb SDK; everything lands in PostgreSQL, and DATA_DIR holds no SQLite file.
 */
const suite = setUpSuite<{ postgres: PgDatabase }>({
  services: { postgres: createPgDatabase },
  env: ({ postgres }) => ({ DATABASE_URL: postgres.url, DATABASE_POOL_SIZE: "4" }),
});

describe("Homebase on PostgreSQL", () => {
  it("signs up, keeps a setting, creates a key and records a wandb run, all in PostgreSQL", async () => {
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

    // Nothing went to a SQLite file.
    expect(readdirSync(homebase.dataDir).filter((f) => f.includes("sqlite"))).toEqual([]);
    expect(existsSync(`${homebase.dataDir}/homebase.sqlite`)).toBe(false);
  }, 240_000);
});
