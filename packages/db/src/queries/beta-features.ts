import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { userBetaFeatures } from "../schema";

/** The user's stored choices, keyed by feature key. Keys absent here are off. */
export async function getUserBetaFeatures(db: Db, userId: string): Promise<Map<string, boolean>> {
  const rows = db
    .select({ key: userBetaFeatures.key, enabled: userBetaFeatures.enabled })
    .from(userBetaFeatures)
    .where(eq(userBetaFeatures.userId, userId))
    .all();
  return new Map(rows.map((r) => [r.key, r.enabled]));
}

export async function setUserBetaFeature(db: Db, p: { userId: string; key: string; enabled: boolean; now: Date }) {
  db.insert(userBetaFeatures)
    .values({ userId: p.userId, key: p.key, enabled: p.enabled, updatedAt: p.now })
    .onConflictDoUpdate({
      target: [userBetaFeatures.userId, userBetaFeatures.key],
      set: { enabled: p.enabled, updatedAt: p.now },
    })
    .run();
  return { key: p.key, enabled: p.enabled };
}
