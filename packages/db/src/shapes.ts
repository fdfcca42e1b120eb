import { createSelectSchema, createUpdateSchema } from "drizzle-zod";
import { apiKeys, runFiles, runs, storageObjects, storageUsage, teams, users } from "./schema";

/*
 * Zod shapes of the tables, derived from the schema (drizzle-zod), so that a column's name and
 * type are written once: the API picks and extends them for its request bodies and responses,
 * and the typed client carries those on to the sections. A renamed or removed column then fails
 * the type check of every route that exposes it (a `.pick` of a key the table lacks does not
 * compile). Derived from the SQLite tables; the PostgreSQL tables have the same row shapes
 * (schema-agreement.test.ts).
 *
 * Row shapes are what the database holds: timestamps are Dates and JSON columns text, so a
 * response picks the columns it shows as they are and re-declares only those it serialises
 * differently (a Date as an ISO 8601 string, JSON text as the parsed value).
 *
 * Tried: renaming users.institution in schema/users.ts makes `pnpm typecheck` fail in
 * apps/api (routes/me/profile.ts and users.ts: the `.pick`s and the row reads), in this package
 * (queries/profile.ts, and dialect.ts's agreement check until schema-pg follows) and in the
 * Profile section (through the typed client's `Me`). Likewise renaming api_keys.scope fails
 * apps/api's lib/schemas.ts (`ApiKey`) and the API-keys section.
 */

/** A users row as stored (every column). Pick what a response shows; never the password hash. */
export const userRow = createSelectSchema(users);

/** A change to a users row: every column optional. Pick what a request may change. */
export const userChange = createUpdateSchema(users);

/** An api_keys row as stored. Pick what a response shows; never the secret's digest. */
export const apiKeyRow = createSelectSchema(apiKeys);

/** A teams row as stored. */
export const teamRow = createSelectSchema(teams);

/** A runs row as stored (tags, config and summary are JSON text). */
export const runRow = createSelectSchema(runs);

/** A run_files row as stored. */
export const runFileRow = createSelectSchema(runFiles);

/** A storage_objects row as stored: what a client reports about one stored object. */
export const storageObjectRow = createSelectSchema(storageObjects);

/** A storage_usage row as stored: an entity's last computed usage (byProject is JSON text). */
export const storageUsageRow = createSelectSchema(storageUsage);
