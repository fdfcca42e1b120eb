import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dialectOf, tables } from "../dialect";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { forUpdate } from "./tx";

/**
 * Claims a pending delivery for one attempt: counts the attempt and leases the row until
 * `now + leaseMs` (its `dueAt`), so no other job sends it meanwhile, even one that exists
 * only because Redis lost the first (a flushed Redis, a stalled job handed to a second
 * worker). The lease ends when the attempt is recorded: sent, failed, or due again later.
 * Undefined when the delivery is missing, no longer pending, or leased (due in the future).
 */
export async function claimDelivery(
  db: Db,
  p: { id: string; now: Date; leaseMs: number },
): Promise<{ attempts: number } | undefined> {
  const [row] = await runPrepared(db, prepared(db, "claim_delivery", claimStatement), {
    id: p.id,
    now: p.now,
    leaseEnd: new Date(p.now.getTime() + p.leaseMs),
  });
  return row;
}

// Run once per delivery attempt: prepared once (see prepared.ts). One conditional UPDATE is the
// claim on both dialects. On PostgreSQL the row is picked through FOR UPDATE SKIP LOCKED, so a
// worker whose twin job is claiming the same row at that instant gets "not claimable" at once
// instead of queueing behind the other's lock; SQLite has one writer at a time, so the
// UPDATE alone decides.
const claimStatement = (db: Db) => {
  const { deliveries } = tables(db);
  const claimable = and(
    eq(deliveries.id, columnPlaceholder(deliveries.id, "id")),
    eq(deliveries.status, "pending"),
    lte(deliveries.dueAt, columnPlaceholder(deliveries.dueAt, "now")),
  );
  return db
    .update(deliveries)
    .set({ attempts: sql`${deliveries.attempts} + 1`, dueAt: sql`${columnPlaceholder(deliveries.dueAt, "leaseEnd")}` })
    .where(
      dialectOf(db) === "postgres"
        ? inArray(
            deliveries.id,
            forUpdate(db, db.select({ id: deliveries.id }).from(deliveries).where(claimable), { skipLocked: true }),
          )
        : claimable,
    )
    .returning({ attempts: deliveries.attempts });
};

/** One delivery row, for the worker and for tests. */
export async function findDelivery(db: Db, id: string) {
  const { deliveries } = tables(db);
  return (await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1))[0];
}
