import { and, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { deliveries } from "../schema";
import { prepared } from "./prepared";

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
  return prepared(db, claimStatement).get({
    id: p.id,
    nowMs: p.now.getTime(),
    leaseEndMs: p.now.getTime() + p.leaseMs,
  });
}

// Run once per delivery attempt: prepared once per connection (see prepared.ts).
const claimStatement = (db: Db) =>
  db
    .update(deliveries)
    .set({ attempts: sql`${deliveries.attempts} + 1`, dueAt: sql`${sql.placeholder("leaseEndMs")}` })
    .where(
      and(
        eq(deliveries.id, sql.placeholder("id")),
        eq(deliveries.status, "pending"),
        lte(deliveries.dueAt, sql.placeholder("nowMs")),
      ),
    )
    .returning({ attempts: deliveries.attempts })
    .prepare();

/** One delivery row, for the worker and for tests. */
export async function findDelivery(db: Db, id: string) {
  return db.select().from(deliveries).where(eq(deliveries.id, id)).get();
}
