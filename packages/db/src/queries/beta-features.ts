import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";

/** The user's stored choices, keyed by feature key. Keys absent here are off. */
export async function getUserBetaFeatures(db: Db, userId: string): Promise<Map<string, boolean>> {
  const { userBetaFeatures } = tables(db);
  const rows = await db
    .select({ key: userBetaFeatures.key, enabled: userBetaFeatures.enabled })
    .from(userBetaFeatures)
    .where(eq(userBetaFeatures.userId, userId));
  return new Map(rows.map((r) => [r.key, r.enabled]));
}

export async function setUserBetaFeature(db: Db, p: { userId: string; key: string; enabled: boolean; now: Date }) {
  const { userBetaFeatures } = tables(db);
  await db
    .insert(userBetaFeatures)
    .values({ userId: p.userId, key: p.key, enabled: p.enabled, updatedAt: p.now })
    .onConflictDoUpdate({
      target: [userBetaFeatures.userId, userBetaFeatures.key],
      set: { enabled: p.enabled, updatedAt: p.now },
    });
  return { key: p.key, enabled: p.enabled };
}
