import { successorExpiry } from "@homebase/core";
import { and, desc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import type { ApiKeyRevokedReason } from "../schema";
import { keyColumns } from "./api-keys";
import { forUpdate, type Tx, transaction } from "./tx";

/** How many recent client addresses a key's row shows. */
const RECENT_ADDRESSES = 5;
/** A key's address is written at most this often (GitLab's last-used granularity). */
export const KEY_ADDRESS_TOUCH_MS = 60_000;

/** The organisation's maximum key lifetime in days, or null (no limit). */
export async function getMaxApiKeyLifetimeDays(db: Db): Promise<number | null> {
  const { orgSettings } = tables(db);
  const [row] = await db
    .select({ days: orgSettings.maxApiKeyLifetimeDays })
    .from(orgSettings)
    .where(eq(orgSettings.id, 1))
    .limit(1);
  return row?.days ?? null;
}

/** Sets the organisation's maximum key lifetime (days ≥ 1, or null for none). */
export async function setMaxApiKeyLifetimeDays(db: Db, days: number | null, now: Date) {
  const { orgSettings } = tables(db);
  await db
    .insert(orgSettings)
    .values({ id: 1, maxApiKeyLifetimeDays: days, updatedAt: now })
    .onConflictDoUpdate({ target: orgSettings.id, set: { maxApiKeyLifetimeDays: days, updatedAt: now } });
}

/**
 * Replaces a key with a new one of the same name, scope and lifetime (GitLab's rotation; the
 * lifetime capped by the organisation's maximum: core's successorExpiry): the
 * old one is revoked as "rotated" in the same transaction. `owner` scopes the lookup to a user's
 * or a service account's keys. Undefined when there is no such key, or it was already rotated
 * or reported as leaked (rotate its successor instead).
 */
export async function rotateApiKey(
  db: Db,
  p: {
    id: string;
    owner: { userId: string } | { serviceAccountId: string };
    newKey: { id: string; secretDigest: string };
    now: Date;
    /** The organisation's maximum key lifetime in days, or null: caps the successor's lifetime. */
    maxLifetimeDays: number | null;
  },
) {
  return transaction(db, async (tx) => {
    const t = tables(tx);
    const { apiKeys } = t;
    const ownerCondition =
      "userId" in p.owner ? eq(apiKeys.userId, p.owner.userId) : eq(apiKeys.serviceAccountId, p.owner.serviceAccountId);
    // Locked on PostgreSQL: two rotations of one key at once make one successor, not two.
    const [old] = await forUpdate(
      tx,
      tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.id, p.id), ownerCondition)),
    );
    if (!old || (old.revokedReason !== null && old.revokedReason !== "expired")) return undefined;
    await tx.update(apiKeys).set({ revokedAt: p.now, revokedReason: "rotated" }).where(eq(apiKeys.id, old.id));
    const [key] = await tx
      .insert(apiKeys)
      .values({
        id: p.newKey.id,
        name: old.name,
        userId: old.userId,
        serviceAccountId: old.serviceAccountId,
        secretDigest: p.newKey.secretDigest,
        createdAt: p.now,
        scope: old.scope,
        expiresAt: successorExpiry(old, p.now, p.maxLifetimeDays),
      })
      .returning(keyColumns(t));
    return key;
  });
}

/** Who hears about a key: its user, or a service account's team admins (live accounts only). */
async function recipientsOf(
  q: Db | Tx,
  key: { userId: string | null; serviceAccountId: string | null },
): Promise<{ email: string; username: string }[]> {
  const { users, serviceAccounts, teamMembers } = tables(q);
  if (key.userId) {
    return q
      .select({ email: users.email, username: users.username })
      .from(users)
      .where(and(eq(users.id, key.userId), isNull(users.deletedAt)));
  }
  return q
    .select({ email: users.email, username: users.username })
    .from(serviceAccounts)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, serviceAccounts.teamId), eq(teamMembers.role, "admin")))
    .innerJoin(users, and(eq(users.id, teamMembers.userId), isNull(users.deletedAt)))
    .where(eq(serviceAccounts.id, key.serviceAccountId ?? ""));
}

/** A key's name and who hears about it, or undefined for an unknown key. */
export async function findKeyRecipients(db: Db, keyId: string) {
  const { apiKeys } = tables(db);
  const [key] = await db
    .select({ name: apiKeys.name, userId: apiKeys.userId, serviceAccountId: apiKeys.serviceAccountId })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId))
    .limit(1);
  return key ? { name: key.name, recipients: await recipientsOf(db, key) } : undefined;
}

/**
 * Revokes the live keys among `ids` for `reason` (a leak reported by a scanner or by anyone with
 * the key) and returns them with who to tell: the user, or a service account's team admins.
 */
export async function revokeApiKeys(db: Db, p: { ids: readonly string[]; reason: ApiKeyRevokedReason; now: Date }) {
  if (p.ids.length === 0) return [];
  return transaction(db, async (tx) => {
    const { apiKeys } = tables(tx);
    // Locked on PostgreSQL, so a key reported twice at once is revoked (and its owner told) once.
    const live = await forUpdate(
      tx,
      tx
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          userId: apiKeys.userId,
          serviceAccountId: apiKeys.serviceAccountId,
        })
        .from(apiKeys)
        .where(
          and(
            inArray(apiKeys.id, [...p.ids]),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, p.now)),
          ),
        ),
    );
    if (live.length === 0) return [];
    await tx
      .update(apiKeys)
      .set({ revokedAt: p.now, revokedReason: p.reason })
      .where(
        inArray(
          apiKeys.id,
          live.map((k) => k.id),
        ),
      );
    const revoked = [];
    for (const k of live) revoked.push({ id: k.id, name: k.name, recipients: await recipientsOf(tx, k) });
    return revoked;
  });
}

/**
 * Records a use of a key from an address: at most one write a minute per key and address.
 * Returns "new" the first time the key is seen from that address (its owner is told), else
 * "seen"; "skipped" when the last write is recent.
 */
export async function recordKeyAddress(
  db: Db,
  p: { keyId: string; address: string; userAgent: string | null; now: Date },
): Promise<"new" | "seen" | "skipped"> {
  const { apiKeyAddresses } = tables(db);
  const address = p.address.slice(0, 64);
  const userAgent = p.userAgent?.slice(0, 256) ?? null;
  const inserted = await db
    .insert(apiKeyAddresses)
    .values({ keyId: p.keyId, address, userAgent, firstUsedAt: p.now, lastUsedAt: p.now })
    .onConflictDoNothing()
    .returning({ keyId: apiKeyAddresses.keyId });
  if (inserted.length > 0) return "new";
  const updated = await db
    .update(apiKeyAddresses)
    .set({ lastUsedAt: p.now, userAgent })
    .where(
      and(
        eq(apiKeyAddresses.keyId, p.keyId),
        eq(apiKeyAddresses.address, address),
        lt(apiKeyAddresses.lastUsedAt, new Date(p.now.getTime() - KEY_ADDRESS_TOUCH_MS)),
      ),
    )
    .returning({ keyId: apiKeyAddresses.keyId });
  return updated.length > 0 ? "seen" : "skipped";
}

/** The most recent addresses of each key, newest first (at most RECENT_ADDRESSES each). */
export async function recentKeyAddresses(db: Db, keyIds: readonly string[]) {
  const byKey = new Map<string, { address: string; userAgent: string | null; lastUsedAt: Date }[]>();
  if (keyIds.length === 0) return byKey;
  const { apiKeyAddresses } = tables(db);
  const rows = await db
    .select({
      keyId: apiKeyAddresses.keyId,
      address: apiKeyAddresses.address,
      userAgent: apiKeyAddresses.userAgent,
      lastUsedAt: apiKeyAddresses.lastUsedAt,
    })
    .from(apiKeyAddresses)
    .where(inArray(apiKeyAddresses.keyId, [...keyIds]))
    .orderBy(desc(apiKeyAddresses.lastUsedAt));
  for (const { keyId, ...row } of rows) {
    const list = byKey.get(keyId) ?? [];
    if (list.length < RECENT_ADDRESSES) list.push(row);
    byKey.set(keyId, list);
  }
  return byKey;
}

/** The "expires in 7 days" reminder goes this long before expiry (GitLab's and GitHub's week). */
const EXPIRY_REMINDER_BEFORE_MS = 7 * 24 * 3600_000;
/**
 * The second e-mail (kind "api-key-expires-today") goes once the key has less than this long to
 * live, not on the UTC calendar day of expiry: an hourly run would miss a key expiring at 00:30
 * UTC on its own day. Its wording therefore states the real time left, "expires in 5 hours, at
 * 14:00 UTC on …" (or, sent after expiry, "expired at …"), never "today" (core's accountEmail).
 */
const EXPIRY_NOTICE_BEFORE_MS = 24 * 3600_000;

/**
 * Claims the expiry e-mails that are due at `now`: for each live, unrevoked key expiring within
 * 7 days whose reminder was not sent, the reminder (and within a day, the notice). Each claim is
 * a conditional UPDATE of the key's row, so each e-mail is claimed exactly once, whatever the
 * number of workers or restarts; the claimer sends it. Returns what to send, to whom.
 *
 * One transaction. On PostgreSQL the due keys are read FOR UPDATE SKIP LOCKED, so workers
 * running the schedule at once claim disjoint keys rather than queueing on each other's rows;
 * on SQLite the transaction holds the single write lock, and the conditional UPDATE decides.
 */
export async function claimExpiryEmails(db: Db, p: { now: Date; limit?: number }) {
  const now = p.now.getTime();
  return transaction(db, async (tx) => {
    const { apiKeys } = tables(tx);
    const due = await forUpdate(
      tx,
      tx
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          userId: apiKeys.userId,
          serviceAccountId: apiKeys.serviceAccountId,
          expiresAt: apiKeys.expiresAt,
          reminder: apiKeys.expiryReminderSentAt,
          notice: apiKeys.expiryNoticeSentAt,
        })
        .from(apiKeys)
        .where(
          and(
            isNull(apiKeys.revokedAt),
            gt(apiKeys.expiresAt, new Date(now - EXPIRY_NOTICE_BEFORE_MS)),
            lt(apiKeys.expiresAt, new Date(now + EXPIRY_REMINDER_BEFORE_MS)),
            or(isNull(apiKeys.expiryReminderSentAt), isNull(apiKeys.expiryNoticeSentAt)),
          ),
        )
        .limit(p.limit ?? 500),
      { skipLocked: true },
    );
    const claimed: {
      kind: "reminder" | "notice";
      keyId: string;
      keyName: string;
      expiresAt: Date;
      recipients: { email: string; username: string }[];
    }[] = [];
    for (const key of due) {
      if (!key.expiresAt) continue;
      const left = key.expiresAt.getTime() - now;
      // Within a day: the notice (and the reminder is no longer news).
      const kind = left <= EXPIRY_NOTICE_BEFORE_MS ? "notice" : "reminder";
      const column = kind === "notice" ? apiKeys.expiryNoticeSentAt : apiKeys.expiryReminderSentAt;
      const won = await tx
        .update(apiKeys)
        .set(
          kind === "notice"
            ? { expiryNoticeSentAt: p.now, expiryReminderSentAt: key.reminder ?? p.now }
            : { expiryReminderSentAt: p.now },
        )
        .where(and(eq(apiKeys.id, key.id), isNull(column)))
        .returning({ id: apiKeys.id });
      if (won.length > 0) {
        claimed.push({
          kind,
          keyId: key.id,
          keyName: key.name,
          expiresAt: key.expiresAt,
          recipients: await recipientsOf(tx, key),
        });
      }
    }
    return claimed;
  });
}

/**
 * Who a key belongs to, for the wording and links of the e-mails about it: a user's own key, or a
 * service account's (with its team's name, the team page's URL segment). Undefined for an
 * unknown (deleted) key.
 */
export async function findApiKeyOwner(
  db: Db,
  keyId: string,
): Promise<{ kind: "user" } | { kind: "service-account"; serviceAccount: string; team: string } | undefined> {
  const { apiKeys, serviceAccounts, entities } = tables(db);
  const [row] = await db
    .select({ serviceAccount: serviceAccounts.name, team: entities.name })
    .from(apiKeys)
    .leftJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .leftJoin(entities, eq(entities.id, serviceAccounts.teamId))
    .where(eq(apiKeys.id, keyId))
    .limit(1);
  if (!row) return undefined;
  return row.serviceAccount !== null && row.team !== null
    ? { kind: "service-account", serviceAccount: row.serviceAccount, team: row.team }
    : { kind: "user" };
}
