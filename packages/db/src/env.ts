import { z } from "zod";

/**
 * The database variables, declared once for every process that opens the database (API,
 * worker, tools); each app spreads this into its own env.ts, which validates it at start:
 * - `DATABASE_URL`: unset or `file:…` for SQLite (DATA_DIR/homebase.sqlite unless the URL names
 *   a file), `postgres://user:pass@host:5432/db` (or `postgresql://`) for PostgreSQL;
 * - `DATABASE_POOL_SIZE`: connections per process in the PostgreSQL pool (default 10).
 */
export const databaseEnv = {
  DATABASE_URL: z
    .string()
    .regex(/^(file:\S*|postgres(ql)?:\/\/\S+)$/, "file:…, postgres://… or postgresql://…")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
};
