import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { isUniqueViolation } from "../errors";
import { idempotencyKeys } from "../schema";

/** How long an idempotency key is remembered: 24 hours (the IETF draft's and Stripe's window). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;

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
  const where = and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key));
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = db.select().from(idempotencyKeys).where(where).get();
    if (row && p.now.getTime() - row.createdAt.getTime() >= IDEMPOTENCY_KEY_TTL_MS) {
      db.delete(idempotencyKeys).where(where).run();
    } else if (row) {
      if (row.requestHash !== p.requestHash) return { state: "mismatch" };
      if (row.status === null) return { state: "in-progress" };
      return { state: "done", status: row.status, body: row.responseBody ?? "", contentType: row.contentType };
    }
    try {
      db.insert(idempotencyKeys)
        .values({ callerId: p.callerId, key: p.key, requestHash: p.requestHash, createdAt: p.now })
        .run();
      return { state: "new" };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request claimed it between the read and the insert: read again.
    }
  }
  return { state: "in-progress" };
}

/** Stores the first answer of a claimed key. */
export async function completeIdempotentRequest(
  db: Db,
  p: { callerId: string; key: string; status: number; body: string; contentType: string | null },
) {
  db.update(idempotencyKeys)
    .set({ status: p.status, responseBody: p.body, contentType: p.contentType })
    .where(and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key)))
    .run();
}

/** Forgets a claimed key whose request failed on our side (5xx), so a retry runs again. */
export async function releaseIdempotencyKey(db: Db, p: { callerId: string; key: string }) {
  db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.callerId, p.callerId), eq(idempotencyKeys.key, p.key)))
    .run();
}

/** Deletes keys older than 24 h; returns how many went. */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  return db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS)))
    .run().changes;
}
