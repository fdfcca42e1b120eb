import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import { closeDatabase, closeDb, type Db, openDatabase, openDb } from "../client";
import { type CopyArgs, type CopyEnv, parseCopyArgs, redactSecrets, redactUrl, USAGE, UsageError } from "./cli-args";
import { copyDatabase } from "./copy";

/**
 * `npm run db:copy -- --to postgres://… [--from file:…|path] [--batch-size N]`: copies a SQLite
 * installation into an empty PostgreSQL database (see copyDatabase), printing one line per
 * table and a summary. The source gets its pending migrations applied first (what starting
 * Homebase on it would do), so both sides have this version's schema; the target is migrated
 * under the advisory lock. Exit codes: 0 copied, 1 refused or failed (nothing written to the
 * target), 2 bad command line. Passwords never reach the output: URLs are printed redacted.
 */

function readEnv(): CopyEnv {
  // biome-ignore lint/style/noProcessEnv: a command-line tool, run with the apps' environment
  const env = process.env;
  return { DATABASE_URL: env.DATABASE_URL, DATA_DIR: env.DATA_DIR, INIT_CWD: env.INIT_CWD };
}

/** Applied migrations of a SQLite file (0 when never migrated), read without changing it. */
function appliedMigrations(file: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const known = sqlite
      .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
      .get();
    return known ? Number(sqlite.prepare("select count(*) from __drizzle_migrations").pluck().get()) : 0;
  } finally {
    sqlite.close();
  }
}

async function run(args: CopyArgs): Promise<void> {
  const target = redactUrl(args.to);
  if (!existsSync(args.from)) {
    throw new Error(`No SQLite database at ${args.from} (give --from, or set DATABASE_URL=file:… or DATA_DIR)`);
  }
  console.log(`Copying ${args.from} → ${target}`);
  const before = appliedMigrations(args.from);
  let source: Db | undefined;
  let dest: Db | undefined;
  try {
    source = openDb({ file: args.from });
    const after = Number(source.$client.prepare("select count(*) from __drizzle_migrations").pluck().get());
    if (after > before) console.log(`Source: applied ${after - before} pending migration(s) (now ${after})`);
    dest = await openDatabase({ url: args.to, dataDir: tmpdir(), poolSize: 2 }).catch((error: Error) => {
      throw new Error(`Cannot open the target database ${target}: ${error.message}`);
    });
    console.log("Target: connected and migrated");

    const started = Date.now();
    const shown = new Map<string, number>();
    const result = await copyDatabase(source, dest, {
      batchSize: args.batchSize,
      onProgress: (table, copied, total) => {
        // One line per table when it is done, and every tenth of the way for big tables.
        const step = Math.floor((copied / Math.max(total, 1)) * 10);
        if (copied === total) console.log(`  ${table.padEnd(24)} ${copied} rows`);
        else if (total >= 10_000 && step > (shown.get(table) ?? 0)) {
          shown.set(table, step);
          console.log(`  ${table.padEnd(24)} ${copied} / ${total} rows…`);
        }
      },
    });
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Copied ${rows} rows in ${result.tables.length} tables in ${seconds} s; row counts verified.`);
    console.log(`Next: start the API and worker with DATABASE_URL=${target} (the password as you gave it).`);
  } finally {
    if (source) closeDb(source);
    if (dest) await closeDatabase(dest);
  }
}

async function main(): Promise<number> {
  let args: CopyArgs;
  try {
    args = parseCopyArgs(process.argv.slice(2), readEnv(), process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`db:copy: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    await run(args);
    return 0;
  } catch (error) {
    // A Drizzle query error's message carries the statement's parameters (row values): print
    // the database's own reason instead.
    const message =
      error instanceof Error
        ? error.message.startsWith("Failed query:") && error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    console.error(`db:copy failed: ${redactSecrets(message, args.to)}`);
    return 1;
  }
}

process.exitCode = await main();
