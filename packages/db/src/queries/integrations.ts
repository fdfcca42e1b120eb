import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { githubConnections, oauthStates } from "../schema";

export async function saveOauthState(
  db: Db,
  p: { stateHash: string; sessionTokenHash: string; userId: string; expiresAt: Date; now: Date },
) {
  db.transaction((tx) => {
    tx.delete(oauthStates).where(lt(oauthStates.expiresAt, p.now)).run();
    tx.insert(oauthStates)
      .values({
        stateHash: p.stateHash,
        sessionTokenHash: p.sessionTokenHash,
        userId: p.userId,
        provider: "github",
        expiresAt: p.expiresAt,
      })
      .run();
  });
}

/**
 * Uses up a state: it must exist, be unexpired and belong to this session. Any answer but
 * "ok" means nothing may be stored. A state can be consumed once.
 */
export async function consumeOauthState(
  db: Db,
  p: { stateHash: string; sessionTokenHash: string | null; now: Date },
): Promise<{ ok: true; userId: string } | { ok: false; reason: "unknown" | "expired" | "other-session" }> {
  return db.transaction((tx) => {
    const row = tx.select().from(oauthStates).where(eq(oauthStates.stateHash, p.stateHash)).get();
    if (!row) return { ok: false as const, reason: "unknown" as const };
    tx.delete(oauthStates).where(eq(oauthStates.stateHash, p.stateHash)).run();
    if (row.expiresAt.getTime() <= p.now.getTime()) return { ok: false as const, reason: "expired" as const };
    if (row.sessionTokenHash !== p.sessionTokenHash) return { ok: false as const, reason: "other-session" as const };
    return { ok: true as const, userId: row.userId };
  });
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
  const row = {
    login: p.login,
    githubId: p.githubId,
    avatarUrl: p.avatarUrl,
    scopes: p.scopes,
    tokenEncrypted: p.tokenEncrypted,
    connectedAt: p.now,
  };
  db.insert(githubConnections)
    .values({ userId: p.userId, ...row })
    .onConflictDoUpdate({ target: githubConnections.userId, set: row })
    .run();
}

export async function getGithubConnection(db: Db, userId: string) {
  return db.select().from(githubConnections).where(eq(githubConnections.userId, userId)).get();
}

/** Removes the connection and returns it (with the encrypted token to revoke), if there was one. */
export async function deleteGithubConnection(db: Db, userId: string) {
  return db
    .delete(githubConnections)
    .where(and(eq(githubConnections.userId, userId)))
    .returning()
    .get();
}
