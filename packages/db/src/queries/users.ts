import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { ConflictError, isUniqueViolation } from "../errors";
import { type Tx, transaction } from "./tx";

export interface CreateUserParams {
  username: string;
  email: string;
  name?: string;
  passwordHash: string;
}

/** Creates a user; the first live user of the installation becomes the organisation admin. */
export async function createUser(db: Db, params: CreateUserParams) {
  const username = params.username.toLowerCase();
  const email = params.email.toLowerCase();
  try {
    return await transaction(db, async (tx) => {
      const { users, entities } = tables(tx);
      const taken = await tx
        .select({ username: users.username, email: users.email })
        .from(users)
        .where(and(isNull(users.deletedAt), or(eq(users.username, username), eq(users.email, email))));
      if (taken.some((u) => u.username === username)) {
        throw new ConflictError("This username is already taken.", "username");
      }
      if (taken.some((u) => u.email === email)) {
        throw new ConflictError("An account with this email already exists.", "email");
      }
      const [entityTaken] = await tx
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.name, username), isNull(entities.deletedAt)))
        .limit(1);
      if (entityTaken) throw new ConflictError("This username is already taken.", "username");
      const isAdmin = !(await anyLiveUser(tx)) && (await firstAdminStillFree(tx));
      const [user] = await tx
        .insert(users)
        .values({ username, email, name: params.name ?? "", passwordHash: params.passwordHash, isAdmin })
        .returning();
      // The personal entity shares the user's id and name.
      await tx.insert(entities).values({ id: user!.id, name: username, kind: "user" });
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("This username or email is already taken.", "username");
    throw error;
  }
}

/**
 * The key of the transaction-level advisory lock under which PostgreSQL sign-ups decide who is
 * the first user (an arbitrary constant, fixed forever, distinct from MIGRATION_LOCK_KEY).
 */
const FIRST_USER_LOCK_KEY = 7_262_019_042;

/** Is there any live user yet? One row at most, not a count of every user on each sign-up. */
async function anyLiveUser(tx: Tx): Promise<boolean> {
  const { users } = tables(tx);
  const [any] = await tx.select({ id: users.id }).from(users).where(isNull(users.deletedAt)).limit(1);
  return any !== undefined;
}

/**
 * Called when a sign-up saw no live user: whether it is still the first once it holds the right
 * to decide. On PostgreSQL (READ COMMITTED) simultaneous first sign-ups all see no user, and
 * there is no row yet to lock, so they queue on a transaction-scoped advisory lock (released at
 * commit or rollback) and look again: each later one then sees the committed first user. Only
 * the sign-ups of an empty installation take the lock, so later ones never wait on each other.
 * SQLite needs nothing: a transaction holds the database's only write lock from BEGIN
 * IMMEDIATE, and the gate in tx.ts runs one transaction at a time.
 */
async function firstAdminStillFree(tx: Tx): Promise<boolean> {
  if (dialectOf(tx) !== "postgres") return true;
  const pg = tx as unknown as { execute(query: SQL): Promise<unknown> };
  await pg.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK_KEY})`);
  return !(await anyLiveUser(tx));
}

/** Finds a live user by username or e-mail (case-insensitive). */
export async function findUserByLogin(db: Db, login: string) {
  const { users } = tables(db);
  const value = login.trim().toLowerCase();
  const [row] = await db
    .select()
    .from(users)
    .where(and(isNull(users.deletedAt), or(eq(users.username, value), eq(users.email, value))))
    .limit(1);
  return row;
}

export async function findUserByUsername(db: Db, username: string) {
  const { users } = tables(db);
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.username, username.toLowerCase()), isNull(users.deletedAt)))
    .limit(1);
  return row;
}
