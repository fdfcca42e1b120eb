import { and, eq, gt, isNull, lte } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { columnPlaceholder, prepared, runPreparedFirst } from "./prepared";

export interface CreateSessionParams {
  tokenHash: string;
  userId: string;
  now: Date;
  idleTimeoutMs: number;
  userAgent?: string | null;
  /** The client address (socket, or X-Forwarded-For behind a trusted proxy). */
  address?: string | null;
}

export async function createSession(db: Db, p: CreateSessionParams) {
  const { sessions } = tables(db);
  await db.insert(sessions).values({
    tokenHash: p.tokenHash,
    userId: p.userId,
    createdAt: p.now,
    lastSeenAt: p.now,
    expiresAt: new Date(p.now.getTime() + p.idleTimeoutMs),
    userAgent: p.userAgent?.slice(0, 256) ?? null,
    address: p.address?.slice(0, 64) ?? null,
  });
}

// On the path of every cookie-authenticated request: prepared once (see prepared.ts).
const sessionUserStatement = (db: Db) => {
  const { sessions, users } = tables(db);
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, columnPlaceholder(sessions.tokenHash, "tokenHash")),
        gt(sessions.expiresAt, columnPlaceholder(sessions.expiresAt, "now")),
        isNull(users.deletedAt),
      ),
    );
};

export interface TouchSessionParams {
  tokenHash: string;
  now: Date;
  idleTimeoutMs: number;
  /** Extend the sliding expiry only when the last write is older than this, so reads stay reads. */
  touchAfterMs: number;
}

/**
 * Returns the live user behind a session token digest, or undefined when the session is
 * unknown, expired, or its user deleted. Extends the idle expiry at most once per `touchAfterMs`.
 */
export async function findSessionUser(db: Db, p: TouchSessionParams) {
  const row = await runPreparedFirst(db, prepared(db, "session_user", sessionUserStatement), {
    tokenHash: p.tokenHash,
    now: p.now,
  });
  if (!row) return undefined;
  if (p.now.getTime() - row.session.lastSeenAt.getTime() >= p.touchAfterMs) {
    const { sessions } = tables(db);
    try {
      await db
        .update(sessions)
        .set({ lastSeenAt: p.now, expiresAt: new Date(p.now.getTime() + p.idleTimeoutMs) })
        .where(eq(sessions.tokenHash, p.tokenHash));
    } catch {
      // Best-effort bookkeeping: a full or read-only disk must not fail the read it rides on.
    }
  }
  return row;
}

export async function deleteSession(db: Db, tokenHash: string) {
  const { sessions } = tables(db);
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Deletes sessions whose idle expiry has passed; returns how many went. */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<number> {
  const { sessions } = tables(db);
  const gone = await db
    .delete(sessions)
    .where(lte(sessions.expiresAt, now))
    .returning({ tokenHash: sessions.tokenHash });
  return gone.length;
}
