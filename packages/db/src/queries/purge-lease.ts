import { type AnyColumn, eq, isNull, lte, or, type SQL } from "drizzle-orm";

/**
 * How long a purge's claim lasts unless renewed (every purge step renews it): half the accounts
 * queue's 60 s job lock. BullMQ renews that lock every 30 s, so a killed worker's job has at least
 * 30 s of lock left, and goes back to the queue no sooner than this lease has run out: the worker
 * that takes the job over finds the purge free instead of skipping it as held. A live worker
 * renews well within it (a step is one short transaction; the job renews between run folders).
 */
export const PURGE_LEASE_MS = 30_000;

/** The lease columns of account_purges and team_purges. */
interface LeaseColumns {
  claimedBy: AnyColumn;
  claimedUntil: AnyColumn;
}

/** The end of a lease taken or renewed at `now`. */
export function purgeLeaseEnd(now: Date): Date {
  return new Date(now.getTime() + PURGE_LEASE_MS);
}

/** Nobody holds the lease: never claimed, or its holder let it run out. */
export function purgeLeaseFree(t: LeaseColumns, now: Date): SQL {
  return or(isNull(t.claimedUntil), lte(t.claimedUntil, now)) as SQL;
}

/** `holder` may take or renew the lease: it is free, or `holder`'s own. */
export function purgeLeaseOpenTo(t: LeaseColumns, p: { holder: string; now: Date }): SQL {
  return or(purgeLeaseFree(t, p.now), eq(t.claimedBy, p.holder)) as SQL;
}

/** A row read by a purge step: held by a live lease of another holder than `holder` (none: an unclaimed step). */
export function heldByAnother(
  row: { claimedBy: string | null; claimedUntil: Date | null },
  p: { holder?: string; now: Date },
): boolean {
  return (
    row.claimedBy != null &&
    row.claimedBy !== p.holder &&
    row.claimedUntil != null &&
    row.claimedUntil.getTime() > p.now.getTime()
  );
}
