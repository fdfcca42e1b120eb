import { eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { transaction } from "./tx";

export async function saveOauthState(
  db: Db,
  p: { stateHash: string; sessionTokenHash: string; userId: string; expiresAt: Date; now: Date },
) {
  await transaction(db, async (tx) => {
    const { oauthStates } = tables(tx);
    await tx.delete(oauthStates).where(lt(oauthStates.expiresAt, p.now));
    await tx.insert(oauthStates).values({
      stateHash: p.stateHash,
      sessionTokenHash: p.sessionTokenHash,
      userId: p.userId,
      provider: "github",
      expiresAt: p.expiresAt,
    });
  });
}

/**
 * Uses up a state: it must exist, be unexpired and belong to this session. Any answer but
 * "ok" means nothing may be stored. A state can be consumed once: DELETE … RETURNING takes it
 * in one statement, so of two concurrent callbacks (several API processes) only one gets it.
 */
export async function consumeOauthState(
  db: Db,
  p: { stateHash: string; sessionTokenHash: string | null; now: Date },
): Promise<{ ok: true; userId: string } | { ok: false; reason: "unknown" | "expired" | "other-session" }> {
  const { oauthStates } = tables(db);
  const [row] = await db.delete(oauthStates).where(eq(oauthStates.stateHash, p.stateHash)).returning();
  if (!row) return { ok: false as const, reason: "unknown" as const };
  if (row.expiresAt.getTime() <= p.now.getTime()) return { ok: false as const, reason: "expired" as const };
  if (row.sessionTokenHash !== p.sessionTokenHash) return { ok: false as const, reason: "other-session" as const };
  return { ok: true as const, userId: row.userId };
}

export async function saveGithubConnection(
  db: Db,
  p: {
    userId: string;
    login: string;
    githubId: number;
    avatarUrl: string | null;
    scopes: string;
    tokenEncrypted: string;
    now: Date;
  },
) {
  const { githubConnections } = tables(db);
  const row = {
    login: p.login,
    githubId: p.githubId,
    avatarUrl: p.avatarUrl,
    scopes: p.scopes,
    tokenEncrypted: p.tokenEncrypted,
    connectedAt: p.now,
  };
  await db
    .insert(githubConnections)
    .values({ userId: p.userId, ...row })
    .onConflictDoUpdate({ target: githubConnections.userId, set: row });
}

export async function getGithubConnection(db: Db, userId: string) {
  const { githubConnections } = tables(db);
  return (await db.select().from(githubConnections).where(eq(githubConnections.userId, userId)).limit(1))[0];
}

/** Removes the connection and returns it (with the encrypted token to revoke), if there was one. */
export async function deleteGithubConnection(db: Db, userId: string) {
  const { githubConnections } = tables(db);
  const [row] = await db.delete(githubConnections).where(eq(githubConnections.userId, userId)).returning();
  return row;
}
