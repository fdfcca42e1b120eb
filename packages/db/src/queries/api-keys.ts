import { and, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
// sqlite-core's alias is a dialect-neutral Proxy over any table (pg-core's is the same code).
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { type Tables, tables } from "../dialect";
import type { ApiKeyScope } from "../schema";
import { columnPlaceholder, prepared, runPreparedFirst } from "./prepared";

export interface NewKey {
  id: string;
  name: string;
  secretDigest: string;
  now: Date;
  /** Default "full". */
  scope?: ApiKeyScope;
  /** Null or absent: never expires. */
  expiresAt?: Date | null;
}

/** The columns of a key as the API shows it, from the tables of a db's dialect. */
export const keyColumns = ({ apiKeys }: Pick<Tables, "apiKeys">) => ({
  id: apiKeys.id,
  name: apiKeys.name,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  scope: apiKeys.scope,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  revokedReason: apiKeys.revokedReason,
});

/** Stores a new key of `owner` (a user or a service account); answers it as the key lists show it. */
async function insertApiKey(db: Db, p: NewKey, owner: { userId: string } | { serviceAccountId: string }) {
  const t = tables(db);
  const [key] = await db
    .insert(t.apiKeys)
    .values({
      id: p.id,
      name: p.name,
      ...owner,
      secretDigest: p.secretDigest,
      createdAt: p.now,
      scope: p.scope ?? "full",
      expiresAt: p.expiresAt ?? null,
    })
    .returning(keyColumns(t));
  return key!;
}

export async function createUserApiKey(db: Db, p: NewKey & { userId: string }) {
  return insertApiKey(db, p, { userId: p.userId });
}

/** LIKE pattern matching `q` anywhere, with %, _ and \ taken literally. */
function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The user's keys, newest first; `q` matches part of the name or the key ID, ignoring case. */
export async function listUserApiKeys(db: Db, p: { userId: string; q?: string }) {
  const t = tables(db);
  const { apiKeys } = t;
  const q = p.q?.trim();
  const filter = q
    ? or(
        sql`lower(${apiKeys.name}) like ${containsPattern(q)} escape '\\'`,
        sql`lower(${apiKeys.id}) like ${containsPattern(q)} escape '\\'`,
      )
    : undefined;
  return db
    .select(keyColumns(t))
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, p.userId), filter))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function deleteUserApiKey(db: Db, p: { userId: string; id: string }): Promise<boolean> {
  const { apiKeys } = tables(db);
  const gone = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, p.id), eq(apiKeys.userId, p.userId)))
    .returning({ id: apiKeys.id });
  return gone.length > 0;
}

// On the path of every key-authenticated request: prepared once (see prepared.ts).
function authLookup(db: Db) {
  const { apiKeys, users, serviceAccounts, entities } = tables(db);
  const teamEntities = alias(entities, "team_entities");
  return db
    .select({
      id: apiKeys.id,
      secretDigest: apiKeys.secretDigest,
      lastUsedAt: apiKeys.lastUsedAt,
      scope: apiKeys.scope,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      revokedReason: apiKeys.revokedReason,
      user: users,
      serviceAccount: { id: serviceAccounts.id, name: serviceAccounts.name, teamId: serviceAccounts.teamId },
      teamName: teamEntities.name,
    })
    .from(apiKeys)
    .leftJoin(users, and(eq(users.id, apiKeys.userId), isNull(users.deletedAt)))
    .leftJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .leftJoin(teamEntities, and(eq(teamEntities.id, serviceAccounts.teamId), isNull(teamEntities.deletedAt)))
    .where(eq(apiKeys.id, columnPlaceholder(apiKeys.id, "id")));
}

/**
 * The key row with its live owner, for authentication: one indexed lookup by key ID through a
 * statement prepared once per database. Digest comparison is the caller's (constant time).
 */
export async function findApiKeyForAuth(db: Db, id: string) {
  const row = await runPreparedFirst(db, prepared(db, "api_key_for_auth", authLookup), { id });
  if (!row) return undefined;
  const life = {
    scope: row.scope,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
  };
  if (row.user)
    return {
      kind: "user" as const,
      id: row.id,
      secretDigest: row.secretDigest,
      lastUsedAt: row.lastUsedAt,
      ...life,
      user: row.user,
    };
  if (row.serviceAccount && row.teamName) {
    return {
      kind: "service-account" as const,
      id: row.id,
      secretDigest: row.secretDigest,
      lastUsedAt: row.lastUsedAt,
      ...life,
      serviceAccount: row.serviceAccount,
      team: { id: row.serviceAccount.teamId, name: row.teamName },
    };
  }
  return undefined; // the owner is gone
}

/**
 * Records a use of the key at most once per `minIntervalMs`: the write happens only when the
 * stored time is older, so a burst of requests writes once, and several processes agree.
 */
export async function touchApiKey(db: Db, p: { id: string; now: Date; minIntervalMs: number }): Promise<boolean> {
  const { apiKeys } = tables(db);
  const threshold = new Date(p.now.getTime() - p.minIntervalMs);
  const touched = await db
    .update(apiKeys)
    .set({ lastUsedAt: p.now })
    .where(and(eq(apiKeys.id, p.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, threshold))))
    .returning({ id: apiKeys.id });
  return touched.length > 0;
}

// ---- service accounts ----

export async function createServiceAccount(db: Db, p: { teamId: string; name: string; createdById: string }) {
  const { serviceAccounts } = tables(db);
  const [account] = await db
    .insert(serviceAccounts)
    .values(p)
    .returning({ id: serviceAccounts.id, name: serviceAccounts.name, createdAt: serviceAccounts.createdAt });
  return account!;
}

export async function findServiceAccount(db: Db, p: { teamId: string; id: string }) {
  const { serviceAccounts } = tables(db);
  const [row] = await db
    .select()
    .from(serviceAccounts)
    .where(and(eq(serviceAccounts.teamId, p.teamId), eq(serviceAccounts.id, p.id)))
    .limit(1);
  return row;
}

export async function listServiceAccountsWithKeys(db: Db, teamId: string) {
  const t = tables(db);
  const { serviceAccounts, apiKeys } = t;
  const accounts = await db
    .select({ id: serviceAccounts.id, name: serviceAccounts.name, createdAt: serviceAccounts.createdAt })
    .from(serviceAccounts)
    .where(eq(serviceAccounts.teamId, teamId))
    .orderBy(serviceAccounts.createdAt);
  const keys = await db
    .select({ ...keyColumns(t), serviceAccountId: apiKeys.serviceAccountId })
    .from(apiKeys)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiKeys.serviceAccountId))
    .where(and(eq(serviceAccounts.teamId, teamId), isNotNull(apiKeys.serviceAccountId)))
    .orderBy(desc(apiKeys.createdAt));
  return accounts.map((a) => ({
    ...a,
    apiKeys: keys.filter((k) => k.serviceAccountId === a.id).map(({ serviceAccountId: _, ...k }) => k),
  }));
}

export async function createServiceAccountKey(db: Db, p: NewKey & { serviceAccountId: string }) {
  return insertApiKey(db, p, { serviceAccountId: p.serviceAccountId });
}

export async function deleteServiceAccountKey(db: Db, p: { serviceAccountId: string; id: string }): Promise<boolean> {
  const { apiKeys } = tables(db);
  const gone = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, p.id), eq(apiKeys.serviceAccountId, p.serviceAccountId)))
    .returning({ id: apiKeys.id });
  return gone.length > 0;
}
