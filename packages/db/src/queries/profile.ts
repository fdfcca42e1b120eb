import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import type { NewUser } from "../schema";
import { forUpdate, transaction } from "./tx";

/** The profile columns of a users row that `PATCH /me` changes; any subset. */
export type ProfilePatch = Partial<Pick<NewUser, "name" | "institution" | "bio" | "location" | "websiteUrl">>;

/** Applies the patch and returns the user row after it. */
export async function updateProfile(db: Db, userId: string, patch: ProfilePatch) {
  const { users } = tables(db);
  if (Object.keys(patch).length > 0) {
    const [row] = await db.update(users).set(patch).where(eq(users.id, userId)).returning();
    return row!;
  }
  return (await db.select().from(users).where(eq(users.id, userId)).limit(1))[0]!;
}

export async function setIntroMarkdown(db: Db, userId: string, markdown: string) {
  const { users } = tables(db);
  await db.update(users).set({ introMarkdown: markdown }).where(eq(users.id, userId));
}

/** Points the user at a new avatar file (or none); returns the previous key. */
export async function setAvatarKey(db: Db, userId: string, avatarKey: string | null): Promise<string | null> {
  return transaction(db, async (tx) => {
    const { users } = tables(tx);
    // Locked on PostgreSQL: two uploads at once each get the key the other replaced.
    const [previous] = await forUpdate(tx, tx.select({ key: users.avatarKey }).from(users).where(eq(users.id, userId)));
    await tx.update(users).set({ avatarKey }).where(eq(users.id, userId));
    return previous?.key ?? null;
  });
}

/** How many live users show this avatar file (content-addressed files can be shared). */
export async function countAvatarUses(db: Db, avatarKey: string): Promise<number> {
  const { users } = tables(db);
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.avatarKey, avatarKey), isNull(users.deletedAt)));
  return row?.n ?? 0;
}
