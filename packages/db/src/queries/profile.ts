import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { users } from "../schema";

export interface ProfilePatch {
  name?: string;
  institution?: string;
  bio?: string;
  location?: string;
  websiteUrl?: string | null;
}

export async function updateProfile(db: Db, userId: string, patch: ProfilePatch) {
  if (Object.keys(patch).length > 0) db.update(users).set(patch).where(eq(users.id, userId)).run();
  return db.select().from(users).where(eq(users.id, userId)).get()!;
}

export async function setIntroMarkdown(db: Db, userId: string, markdown: string) {
  db.update(users).set({ introMarkdown: markdown }).where(eq(users.id, userId)).run();
}

/** Points the user at a new avatar file (or none); returns the previous key. */
export async function setAvatarKey(db: Db, userId: string, avatarKey: string | null): Promise<string | null> {
  return db.transaction((tx) => {
    const previous = tx.select({ key: users.avatarKey }).from(users).where(eq(users.id, userId)).get()?.key ?? null;
    tx.update(users).set({ avatarKey }).where(eq(users.id, userId)).run();
    return previous;
  });
}

/** How many live users show this avatar file (content-addressed files can be shared). */
export async function countAvatarUses(db: Db, avatarKey: string): Promise<number> {
  const [row] = db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.avatarKey, avatarKey), isNull(users.deletedAt)))
    .all();
  return row?.n ?? 0;
}
