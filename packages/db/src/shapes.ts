import { createSelectSchema, createUpdateSchema } from "drizzle-zod";
import { users } from "./schema";

/*
 * Zod shapes of the tables, derived from the schema (drizzle-zod), so that a column's name and
 * type are written once: the API picks and extends them for its request bodies and responses,
 * and the typed client carries those on to the sections. A renamed or removed column then fails
 * the type check of every route that exposes it (a `.pick` of a key the table lacks does not
 * compile). Derived from the SQLite tables; the PostgreSQL tables have the same row shapes
 * (schema-agreement.test.ts).
 *
 * Tried: renaming users.institution in schema/users.ts makes `pnpm typecheck` fail in
 * apps/api (routes/profile.ts and users.ts: the `.pick`s and the row reads), in this package
 * (queries/profile.ts, and dialect.ts's agreement check until schema-pg follows) and in the
 * Profile section (through the typed client's `Me`).
 */

/** A users row as stored (every column). Pick what a response shows; never the password hash. */
export const userRow = createSelectSchema(users);

/** A change to a users row: every column optional. Pick what a request may change. */
export const userChange = createUpdateSchema(users);
