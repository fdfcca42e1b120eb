import { and, eq, isNull, or } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError, isUniqueViolation } from "../errors";
import { entities, users } from "../schema";

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
    return db.transaction(
      (tx) => {
        const taken = tx
          .select({ username: users.username, email: users.email })
          .from(users)
          .where(and(isNull(users.deletedAt), or(eq(users.username, username), eq(users.email, email))))
          .all();
        if (taken.some((u) => u.username === username)) {
          throw new ConflictError("This username is already taken.", "username");
        }
        if (taken.some((u) => u.email === email)) {
          throw new ConflictError("An account with this email already exists.", "email");
        }
        const entityTaken = tx
          .select({ id: entities.id })
          .from(entities)
          .where(and(eq(entities.name, username), isNull(entities.deletedAt)))
          .get();
        if (entityTaken) throw new ConflictError("This username is already taken.", "username");
        // Is there any live user yet? One row at most, not a count of every user on each sign-up.
        const first = !tx.select({ id: users.id }).from(users).where(isNull(users.deletedAt)).limit(1).get();
        const user = tx
          .insert(users)
          .values({ username, email, name: params.name ?? "", passwordHash: params.passwordHash, isAdmin: first })
          .returning()
          .get();
        // The personal entity shares the user's id and name.
        tx.insert(entities).values({ id: user.id, name: username, kind: "user" }).run();
        return user;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("This username or email is already taken.", "username");
    throw error;
  }
}

/** Finds a live user by username or e-mail (case-insensitive). */
export async function findUserByLogin(db: Db, login: string) {
  const value = login.trim().toLowerCase();
  return db
    .select()
    .from(users)
    .where(and(isNull(users.deletedAt), or(eq(users.username, value), eq(users.email, value))))
    .get();
}

export async function findUserById(db: Db, id: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)))
    .get();
}

export async function findUserByUsername(db: Db, username: string) {
  return db
    .select()
    .from(users)
    .where(and(eq(users.username, username.toLowerCase()), isNull(users.deletedAt)))
    .get();
}
