import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { ConflictError } from "../errors";
import type { UserTokenPurpose } from "../schema";
import { forUpdate, type Tx, transaction } from "./tx";

/** How long a link stays valid: an address verification 24 h, a password reset 1 h (GitHub's and GitLab's choices). */
const USER_TOKEN_TTL_MS: Record<UserTokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  reset_password: 3600_000,
};

/**
 * Records a new single-use token (its digest only) for a user and purpose, and retires the
 * user's earlier unused tokens of the same purpose, so only the latest e-mail's link works.
 */
export async function createUserToken(
  db: Db,
  p: { userId: string; purpose: UserTokenPurpose; email: string; tokenHash: string; now: Date },
): Promise<void> {
  await transaction(db, async (tx) => {
    const { userTokens } = tables(tx);
    await tx
      .update(userTokens)
      .set({ usedAt: p.now })
      .where(and(eq(userTokens.userId, p.userId), eq(userTokens.purpose, p.purpose), isNull(userTokens.usedAt)));
    await tx.insert(userTokens).values({
      tokenHash: p.tokenHash,
      userId: p.userId,
      purpose: p.purpose,
      email: p.email,
      createdAt: p.now,
      expiresAt: new Date(p.now.getTime() + USER_TOKEN_TTL_MS[p.purpose]),
    });
  });
}

/**
 * Marks a live token used and returns it with its user. The token's row is read FOR UPDATE on
 * PostgreSQL, so of two requests using one link at once the second waits, then finds it used.
 */
async function takeToken(tx: Tx, tokenHash: string, purpose: UserTokenPurpose, now: Date) {
  const { userTokens, users } = tables(tx);
  const [row] = await forUpdate(
    tx,
    tx
      .select({ token: userTokens, user: users })
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(
        and(
          eq(userTokens.tokenHash, tokenHash),
          eq(userTokens.purpose, purpose),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, now),
          isNull(users.deletedAt),
        ),
      ),
  );
  if (!row) return undefined;
  await tx.update(userTokens).set({ usedAt: now }).where(eq(userTokens.tokenHash, tokenHash));
  return row;
}

/**
 * Uses an address-verification token: marks the address verified, and when the token verifies
 * a new address (PUT /me/email), makes it the account's address. Undefined for a used, expired
 * or unknown token; ConflictError when another live account took the new address meanwhile.
 * Returns the previous address when it changed, so its owner can be told.
 */
export async function verifyEmailToken(
  db: Db,
  p: { tokenHash: string; now: Date },
): Promise<{ userId: string; email: string; previousEmail: string | null } | undefined> {
  return transaction(db, async (tx) => {
    const { users } = tables(tx);
    const row = await takeToken(tx, p.tokenHash, "verify_email", p.now);
    if (!row) return undefined;
    const email = row.token.email;
    const changed = email !== row.user.email;
    if (changed) {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, email), isNull(users.deletedAt), ne(users.id, row.user.id)))
        .limit(1);
      if (taken) throw new ConflictError("Another account uses this address now.", "email");
    }
    await tx.update(users).set({ email, emailVerified: true }).where(eq(users.id, row.user.id));
    return { userId: row.user.id, email, previousEmail: changed ? row.user.email : null };
  });
}

/** The address waiting for verification after PUT /me/email, if any (the newest live token's). */
export async function findPendingEmail(db: Db, p: { userId: string; now: Date }): Promise<string | null> {
  const { userTokens, users } = tables(db);
  const [row] = await db
    .select({ email: userTokens.email })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(
      and(
        eq(userTokens.userId, p.userId),
        eq(userTokens.purpose, "verify_email"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, p.now),
        ne(userTokens.email, users.email),
      ),
    )
    .orderBy(desc(userTokens.createdAt))
    .limit(1);
  return row?.email ?? null;
}

/**
 * Uses a password-reset token: sets the new password hash and ends every session of the user.
 * Undefined for a used, expired or unknown token.
 */
export async function resetPasswordWithToken(
  db: Db,
  p: { tokenHash: string; passwordHash: string; now: Date },
): Promise<{ userId: string; email: string } | undefined> {
  return transaction(db, async (tx) => {
    const { users, sessions, userTokens } = tables(tx);
    const row = await takeToken(tx, p.tokenHash, "reset_password", p.now);
    if (!row) return undefined;
    await tx.update(users).set({ passwordHash: p.passwordHash }).where(eq(users.id, row.user.id));
    await tx.delete(sessions).where(eq(sessions.userId, row.user.id));
    // Every other outstanding reset link dies with this one.
    await tx
      .update(userTokens)
      .set({ usedAt: p.now })
      .where(
        and(eq(userTokens.userId, row.user.id), eq(userTokens.purpose, "reset_password"), isNull(userTokens.usedAt)),
      );
    return { userId: row.user.id, email: row.user.email };
  });
}

/** Sets a new password hash and ends every session of the user but `keepTokenHash` (the caller's). */
export async function changePassword(db: Db, p: { userId: string; passwordHash: string; keepTokenHash: string }) {
  await transaction(db, async (tx) => {
    const { users, sessions } = tables(tx);
    await tx.update(users).set({ passwordHash: p.passwordHash }).where(eq(users.id, p.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, p.userId), ne(sessions.tokenHash, p.keepTokenHash)));
  });
}

/** A user's live sessions, most recently seen first, with `current` marking the caller's. */
export async function listUserSessions(db: Db, p: { userId: string; currentTokenHash: string | null; now: Date }) {
  const { sessions } = tables(db);
  const rows = await db
    .select({
      id: sessions.id,
      tokenHash: sessions.tokenHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      address: sessions.address,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, p.userId), gt(sessions.expiresAt, p.now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);
  return rows.map(({ tokenHash, ...s }) => ({ ...s, current: tokenHash === p.currentTokenHash }));
}

/** Ends one of a user's sessions by its public id; false when the user has no such session. */
export async function deleteUserSessionById(db: Db, p: { userId: string; id: string }): Promise<boolean> {
  const { sessions } = tables(db);
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, p.userId), eq(sessions.id, p.id)))
    .returning({ id: sessions.id });
  return gone.length > 0;
}
