import { and, asc, count, eq, isNull, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type Tables, tables } from "../dialect";
import { ConflictError, InvalidError, isUniqueViolation } from "../errors";
import type { TeamRole } from "../schema";
import { keepDefaultEntityBeforeNewTeam } from "./keep-default-entity";
import { columnPlaceholder, prepared, runPrepared } from "./prepared";
import { forUpdate, type Tx, transaction } from "./tx";

export type { TeamRole };

export interface TeamRecord {
  id: string;
  name: string;
  displayName: string;
  allowedEmailDomain: string | null;
  createdAt: Date;
}

const teamColumns = ({ teams, entities }: Tables) => ({
  id: teams.id,
  name: entities.name,
  displayName: teams.displayName,
  allowedEmailDomain: teams.allowedEmailDomain,
  createdAt: teams.createdAt,
});

/** Creates a team whose creator is its first admin. The name must be free in the entity namespace. */
export async function createTeam(
  db: Db,
  p: { name: string; displayName?: string; creatorId: string },
): Promise<TeamRecord> {
  const name = p.name.toLowerCase();
  const taken = () => new ConflictError(`The name "${name}" is already taken by a user or team.`, "name");
  try {
    return await transaction(db, async (tx) => {
      const { entities, teams, teamMembers } = tables(tx);
      const [existing] = await tx
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.name, name), isNull(entities.deletedAt)))
        .limit(1);
      if (existing) throw taken();
      const [entity] = await tx.insert(entities).values({ name, kind: "team" }).returning();
      const [team] = await tx
        .insert(teams)
        .values({ id: entity!.id, displayName: p.displayName?.trim() || name })
        .returning();
      await keepDefaultEntityBeforeNewTeam(tx, p.creatorId);
      await tx.insert(teamMembers).values({ teamId: team!.id, userId: p.creatorId, role: "admin" });
      return {
        id: team!.id,
        name,
        displayName: team!.displayName,
        allowedEmailDomain: null,
        createdAt: team!.createdAt,
      };
    });
  } catch (error) {
    // PostgreSQL: another transaction took the name between our check and our insert.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function findTeamByName(db: Db, name: string): Promise<TeamRecord | undefined> {
  const t = tables(db);
  const { teams, entities } = t;
  const [row] = await db
    .select(teamColumns(t))
    .from(teams)
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(and(eq(entities.name, name.toLowerCase()), isNull(entities.deletedAt)))
    .limit(1);
  return row;
}

export async function getTeamRole(db: Db, teamId: string, userId: string): Promise<TeamRole | undefined> {
  const { teamMembers } = tables(db);
  const [row] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row?.role;
}

export async function listTeamMembers(db: Db, teamId: string) {
  const { teamMembers, users } = tables(db);
  return db
    .select({ userId: users.id, username: users.username, name: users.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), isNull(users.deletedAt)))
    .orderBy(asc(users.username));
}

export async function updateTeam(
  db: Db,
  teamId: string,
  patch: { displayName?: string; allowedEmailDomain?: string | null },
) {
  const { teams } = tables(db);
  if (Object.keys(patch).length > 0) await db.update(teams).set(patch).where(eq(teams.id, teamId));
}

/**
 * Locks a team's row until the end of the transaction on PostgreSQL, so that changes to its
 * membership that check the last-admin rule run one after the other (on SQLite the write lock
 * taken at BEGIN IMMEDIATE does this already).
 */
export async function lockTeam(tx: Tx, teamId: string): Promise<void> {
  const { teams } = tables(tx);
  await forUpdate(tx, tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)));
}

/** Adds a live user by username. Unknown user → InvalidError on `username`; already a member → ConflictError. */
export async function addTeamMember(db: Db, p: { teamId: string; username: string; role: TeamRole }) {
  return transaction(db, async (tx) => {
    const { users, teamMembers } = tables(tx);
    const [user] = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(eq(users.username, p.username.toLowerCase()), isNull(users.deletedAt)))
      .limit(1);
    if (!user) throw new InvalidError(`There is no user "${p.username}".`, "username");
    const alreadyMember = () => new ConflictError(`${user.username} is already a member of this team.`, "username");
    const [existing] = await tx
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, user.id)))
      .limit(1);
    if (existing) throw alreadyMember();
    await keepDefaultEntityBeforeNewTeam(tx, user.id);
    // ON CONFLICT: a concurrent add of the same user (PostgreSQL) is the same conflict.
    const added = await tx
      .insert(teamMembers)
      .values({ teamId: p.teamId, userId: user.id, role: p.role })
      .onConflictDoNothing()
      .returning({ userId: teamMembers.userId });
    if (added.length === 0) throw alreadyMember();
    return { username: user.username, role: p.role };
  });
}

/**
 * Ends a membership. The last admin of a team that still has other members cannot go:
 * ConflictError. Returns false when the user was not a member.
 */
export async function removeTeamMember(db: Db, p: { teamId: string; userId: string }): Promise<boolean> {
  return transaction(db, async (tx) => {
    const { teamMembers } = tables(tx);
    await lockTeam(tx, p.teamId);
    const [member] = await tx
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
      .limit(1);
    if (!member) return false;
    if (member.role === "admin") {
      const [admins] = await tx
        .select({ n: count() })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.role, "admin")));
      const [others] = await tx
        .select({ n: count() })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, p.teamId), ne(teamMembers.userId, p.userId)));
      if ((admins?.n ?? 0) <= 1 && (others?.n ?? 0) > 0) {
        throw new ConflictError(
          "The last admin cannot leave a team that has other members. Make another member an admin first.",
        );
      }
    }
    await tx.delete(teamMembers).where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)));
    return true;
  });
}

function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/**
 * Joins when the user's verified email is in the team's allowed domain ("unverified" when the
 * address is in the domain but not verified yet). Idempotent for members.
 */
export async function joinTeam(
  db: Db,
  p: { team: TeamRecord; userId: string; email: string; emailVerified: boolean },
): Promise<"joined" | "already-member" | "not-allowed" | "unverified"> {
  return transaction(db, async (tx) => {
    const { teamMembers } = tables(tx);
    const [existing] = await tx
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, p.team.id), eq(teamMembers.userId, p.userId)))
      .limit(1);
    if (existing) return "already-member";
    if (!p.team.allowedEmailDomain || emailDomain(p.email) !== p.team.allowedEmailDomain) return "not-allowed";
    if (!p.emailVerified) return "unverified";
    await keepDefaultEntityBeforeNewTeam(tx, p.userId);
    const joined = await tx
      .insert(teamMembers)
      .values({ teamId: p.team.id, userId: p.userId, role: "member" })
      .onConflictDoNothing()
      .returning({ userId: teamMembers.userId });
    return joined.length > 0 ? "joined" : "already-member";
  });
}

const userTeamsStatement = (db: Db) => {
  const t = tables(db);
  const { teamMembers, teams, entities } = t;
  return db
    .select({ ...teamColumns(t), role: teamMembers.role, joinedAt: teamMembers.createdAt })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(and(eq(teamMembers.userId, columnPlaceholder(teamMembers.userId, "userId")), isNull(entities.deletedAt)))
    .orderBy(asc(entities.name));
};

/** The user's teams by name; on the path of every authenticated request, so prepared once. */
export async function listUserTeams(db: Db, userId: string) {
  return runPrepared(db, prepared(db, "user_teams", userTeamsStatement), { userId });
}

/**
 * Teams the user is not in but may join, because their verified email is in the team's allowed
 * domain; none while the address is unverified.
 */
export async function listJoinableTeams(db: Db, p: { userId: string; email: string; emailVerified: boolean }) {
  if (!p.emailVerified) return [];
  const { teamMembers, teams, entities } = tables(db);
  const memberOf = db.select({ id: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, p.userId));
  return db
    .select({ name: entities.name, displayName: teams.displayName })
    .from(teams)
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(
      and(
        isNull(entities.deletedAt),
        eq(teams.allowedEmailDomain, emailDomain(p.email)),
        notInArray(teams.id, memberOf),
      ),
    )
    .orderBy(asc(entities.name));
}

/** Teams the user administers alone while others remain: the last-admin rule blocks leaving them. */
export async function blockingTeams(q: Db | Tx, userId: string) {
  const { teamMembers, teams, entities } = tables(q);
  return q
    .select({ name: entities.name, displayName: teams.displayName })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(
      and(
        eq(teamMembers.userId, userId),
        eq(teamMembers.role, "admin"),
        sql`(select count(*) from ${teamMembers} m where m.team_id = ${teams.id} and m.role = 'admin') = 1`,
        sql`(select count(*) from ${teamMembers} m where m.team_id = ${teams.id}) > 1`,
      ),
    );
}

export async function teamsBlockingLeave(db: Db, userId: string) {
  return blockingTeams(db, userId);
}
