import type { DeploymentMode } from "@homebase/core";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { type Tables, tables } from "../dialect";
import { NotFoundError } from "../errors";
import { columnPlaceholder, prepared, runPreparedFirst } from "./prepared";
import { listUserTeams } from "./teams";
import { forUpdate, transaction } from "./tx";

export interface EntityRef {
  id: string;
  name: string;
  kind: "user" | "team";
}

export interface StoredUserSettings {
  defaultEntityId: string | null;
  defaultProjectPrivacy: "private" | "public";
  codeSavingEnabled: boolean;
  hideTeamsInProfile: boolean;
}

// On the path of every authenticated request (the default entity): prepared once (see prepared.ts).
const storedSettingsStatement = (db: Db) => {
  const { userSettings } = tables(db);
  return db
    .select()
    .from(userSettings)
    .where(eq(userSettings.userId, columnPlaceholder(userSettings.userId, "userId")));
};

type SettingsRow = Tables["userSettings"]["$inferSelect"];

function storedSettings(row: SettingsRow | undefined): StoredUserSettings {
  return {
    defaultEntityId: row?.defaultEntityId ?? null,
    defaultProjectPrivacy: row?.defaultProjectPrivacy ?? "private",
    codeSavingEnabled: row?.codeSavingEnabled ?? false,
    hideTeamsInProfile: row?.hideTeamsInProfile ?? false,
  };
}

export async function getStoredUserSettings(db: Db, userId: string): Promise<StoredUserSettings> {
  const row = await runPreparedFirst(db, prepared(db, "stored_user_settings", storedSettingsStatement), { userId });
  return storedSettings(row);
}

/** Merges `patch` into the stored settings (one transaction; the row locked on PostgreSQL). */
export async function updateUserSettings(db: Db, userId: string, patch: Partial<StoredUserSettings>, now: Date) {
  await transaction(db, async (tx) => {
    const { userSettings } = tables(tx);
    const [row] = await forUpdate(tx, tx.select().from(userSettings).where(eq(userSettings.userId, userId)));
    const next = { ...storedSettings(row), ...patch, updatedAt: now };
    await tx
      .insert(userSettings)
      .values({ userId, ...next })
      .onConflictDoUpdate({ target: userSettings.userId, set: next });
  });
}

/** The entities a user may create projects, runs and objects in: the personal one and every team's. */
export async function writableEntities(db: Db, user: { id: string; username: string }): Promise<EntityRef[]> {
  const teams = await listUserTeams(db, user.id);
  return [
    { id: user.id, name: user.username, kind: "user" },
    ...teams.map((t) => ({ id: t.id, name: t.name, kind: "team" as const })),
  ];
}

/**
 * The default entity: the stored choice while it is still allowed; otherwise the single team;
 * otherwise (multi-tenant) the oldest team; otherwise the personal entity.
 */
export async function resolveDefaultEntity(
  db: Db,
  user: { id: string; username: string },
  mode: DeploymentMode,
  /** The user's teams, when the caller has them already. */
  knownTeams?: Awaited<ReturnType<typeof listUserTeams>>,
): Promise<EntityRef> {
  const stored = await getStoredUserSettings(db, user.id);
  const teams = knownTeams ?? (await listUserTeams(db, user.id));
  const personal: EntityRef = { id: user.id, name: user.username, kind: "user" };
  if (stored.defaultEntityId) {
    const team = teams.find((t) => t.id === stored.defaultEntityId);
    if (team) return { id: team.id, name: team.name, kind: "team" };
    if (stored.defaultEntityId === user.id && mode !== "multi-tenant") return personal;
  }
  if (teams.length === 1 || (mode === "multi-tenant" && teams.length > 0)) {
    const first = [...teams].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime())[0]!;
    return { id: first.id, name: first.name, kind: "team" };
  }
  return personal;
}

/**
 * The entity a new run, project or object goes to: the explicit entity, else the
 * X-Homebase-Entity override, else the default entity. An entity the user may not write to
 * is NotFoundError, so its existence is not revealed.
 */
export async function resolveWriteEntity(
  db: Db,
  p: { user: { id: string; username: string }; mode: DeploymentMode; explicit?: string | null; header?: string | null },
): Promise<EntityRef> {
  const requested = (p.explicit ?? p.header)?.trim().toLowerCase();
  if (!requested) return resolveDefaultEntity(db, p.user, p.mode);
  if (requested === p.user.username) return { id: p.user.id, name: p.user.username, kind: "user" };
  const { entities, teamMembers } = tables(db);
  const [row] = await db
    .select({ id: entities.id, name: entities.name })
    .from(entities)
    .innerJoin(teamMembers, and(eq(teamMembers.teamId, entities.id), eq(teamMembers.userId, p.user.id)))
    .where(and(eq(entities.name, requested), isNull(entities.deletedAt)))
    .limit(1);
  if (!row) throw new NotFoundError(`There is no entity "${requested}" that you can write to.`);
  return { ...row, kind: "team" };
}
