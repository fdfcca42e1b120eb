import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";

/** How long an idempotency key is remembered: 24 hours (the IETF draft's and Stripe's window). */
const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

export type IdempotencyClaim =
  | { state: "new" }
  | { state: "mismatch" }
  | { state: "in-progress" }
  | { state: "done"; status: number; body: string; contentType: string | null };

/**
 * Claims `key` for a request of `callerId` whose method, path and body hash to `requestHash`.
 * "new": the caller goes ahead and then calls completeIdempotentRequest (or releases the key);
 * "done": the first answer, to replay; "mismatch": the key was used for another request;
 * "in-progress": the first request is still running. Keys older than 24 h are forgotten.
 */
export async function claimIdempotencyKey(
  db: Db,
  p: { callerId: string; key: string; requestHash: string; now: Date },
): Promise<IdempotencyClaim> {
  const { idempotencyKeys } = tables(db);
  const where = and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key));
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await db.select().from(idempotencyKeys).where(where).limit(1);
    if (row && p.now.getTime() - row.createdAt.getTime() >= IDEMPOTENCY_KEY_TTL_MS) {
      await db.delete(idempotencyKeys).where(where);
    } else if (row) {
      if (row.requestHash !== p.requestHash) return { state: "mismatch" };
      if (row.status === null) return { state: "in-progress" };
      return { state: "done", status: row.status, body: row.responseBody ?? "", contentType: row.contentType };
    }
    // ON CONFLICT DO NOTHING: when another request claimed it between the read and the insert,
    // nothing is inserted (no error, which on PostgreSQL would also abort an enclosing
    // transaction) and the loop reads again.
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ callerId: p.callerId, key: p.key, requestHash: p.requestHash, createdAt: p.now })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length > 0) return { state: "new" };
  }
  return { state: "in-progress" };
}

/** Stores the first answer of a claimed key. */
export async function completeIdempotentRequest(
  db: Db,
  p: { callerId: string; key: string; status: number; body: string; contentType: string | null },
) {
  const { idempotencyKeys } = tables(db);
  await db
    .update(idempotencyKeys)
    .set({ status: p.status, responseBody: p.body, contentType: p.contentType })
    .where(and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key)));
}

/** Forgets a claimed key whose request failed on our side (5xx), so a retry runs again. */
export async function releaseIdempotencyKey(db: Db, p: { callerId: string; key: string }) {
  const { idempotencyKeys } = tables(db);
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key)));
}

/** Deletes keys older than 24 h; returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const { idempotencyKeys } = tables(db);
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
