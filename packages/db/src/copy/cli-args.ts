import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const USAGE = `Usage: npm run db:copy -- --to postgres://user:password@host:5432/db [--from <file: URL or path>] [--batch-size <rows>]

Copies an existing SQLite installation into an empty PostgreSQL database, all or nothing.
  --to          the PostgreSQL database (required); migrated to this version first
  --from        the SQLite file; default: DATABASE_URL when it is file:…, else DATA_DIR/homebase.sqlite
                (DATA_DIR defaults to ./data); pending migrations are applied to it first, as a start would
  --batch-size  rows per INSERT (default 500)
Stop the API and worker first; afterwards start them with DATABASE_URL set to the --to URL.`;

/** A command line the tool cannot run: print the message and the usage, exit 2. */
export class UsageError extends Error {
  readonly code = "usage";
}

export interface CopyArgs {
  /** The PostgreSQL URL, as given (contains the password: print it only through redactUrl). */
  to: string;
  /** Absolute path of the SQLite file. */
  from: string;
  batchSize?: number;
  help: boolean;
}

/** What the command reads from its environment. */
export interface CopyEnv {
  DATABASE_URL?: string;
  DATA_DIR?: string;
  /** The directory `npm run` / `pnpm` was started from (scripts themselves run in packages/db). */
  INIT_CWD?: string;
}

/**
 * Parses `--to URL --from X --batch-size N` (also `--to=URL`; a leading bare `--`, which pnpm
 * passes through, is skipped). Relative paths are taken from the directory the command was
 * typed in (INIT_CWD), not packages/db where the script runs. Throws UsageError on an unknown
 * option, a missing value, a missing or non-PostgreSQL `--to`, or a bad batch size.
 */
export function parseCopyArgs(argv: string[], env: CopyEnv, cwd: string): CopyArgs {
  const base = env.INIT_CWD || cwd;
  const values = new Map<string, string>();
  let help = false;
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const match = /^--(to|from|batch-size)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unknown argument: ${arg.startsWith("--") ? arg.split("=")[0] : arg}`);
    const name = match[1] as string;
    const value = match[2] ?? args[++i];
    if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  if (help) return { to: "", from: "", help };

  const to = values.get("to");
  if (!to) throw new UsageError("--to <postgres://…> is required");
  if (!/^postgres(ql)?:\/\/\S+$/.test(to)) throw new UsageError("--to must be a postgres:// or postgresql:// URL");
  let batchSize: number | undefined;
  const rawBatch = values.get("batch-size");
  if (rawBatch !== undefined) {
    batchSize = Number(rawBatch);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError("--batch-size must be a positive integer");
  }

  const fromArg = values.get("from");
  let from: string;
  if (fromArg !== undefined) {
    if (/^postgres(ql)?:/.test(fromArg)) throw new UsageError("--from must be a SQLite file (a path or file: URL)");
    from = fromArg.startsWith("file:") ? sqliteFileOf(fromArg, base, env) : resolve(base, fromArg);
  } else if (env.DATABASE_URL?.startsWith("file:")) {
    from = sqliteFileOf(env.DATABASE_URL, base, env);
  } else {
    from = join(dataDirOf(base, env), "homebase.sqlite");
  }
  return { to, from, batchSize, help };
}

function dataDirOf(base: string, env: CopyEnv): string {
  return resolve(base, env.DATA_DIR || "./data");
}

/** The file a `file:` URL names, as openDatabase reads it, with relative paths from `base`. */
function sqliteFileOf(url: string, base: string, env: CopyEnv): string {
  if (url === "file:") return join(dataDirOf(base, env), "homebase.sqlite");
  if (url.startsWith("file://")) return fileURLToPath(url);
  const path = url.slice("file:".length);
  return isAbsolute(path) ? path : resolve(base, path);
}

/**
 * A database URL safe to print: the password (in the authority or a `password=` parameter)
 * replaced by `***`. Anything that does not parse as a URL has its `user:secret@` part masked.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    if (parsed.searchParams.has("password")) parsed.searchParams.set("password", "***");
    return parsed.toString().replace("password=%2A%2A%2A", "password=***");
  } catch {
    return url.replace(/\/\/([^/@:]*):[^/@]*@/, "//$1:***@");
  }
}

/** Removes every occurrence of the URL's password (raw and percent-decoded) from a message. */
export function redactSecrets(message: string, url: string): string {
  let secrets: string[] = [];
  try {
    const parsed = new URL(url);
    secrets = [parsed.password, decodeURIComponent(parsed.password), parsed.searchParams.get("password") ?? ""];
  } catch {
    const match = /\/\/[^/@:]*:([^/@]*)@/.exec(url);
    if (match?.[1]) secrets = [match[1]];
  }
  let out = message.split(url).join(redactUrl(url));
  for (const secret of secrets.filter((s) => s.length > 0)) out = out.split(secret).join("***");
  return out;
}
