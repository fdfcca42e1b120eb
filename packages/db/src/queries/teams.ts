import { and, asc, count, eq, isNull, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError, InvalidError } from "../errors";
import { entities, type TeamRole, teamMembers, teams, users } from "../schema";
import { keepDefaultEntityBeforeNewTeam } from "./keep-default-entity";
import { prepared } from "./prepared";
import type { Tx } from "./tx";

export type { TeamRole };

export interface TeamRecord {
  id: string;
  name: string;
  displayName: string;
  allowedEmailDomain: string | null;
  createdAt: Date;
}

const teamColumns = {
  id: teams.id,
  name: entities.name,
  displayName: teams.displayName,
  allowedEmailDomain: teams.allowedEmailDomain,
  createdAt: teams.createdAt,
};

/** Creates a team whose creator is its first admin. The name must be free in the entity namespace. */
export async function createTeam(
  db: Db,
  p: { name: string; displayName?: string; creatorId: string },
): Promise<TeamRecord> {
  const name = p.name.toLowerCase();
  return db.transaction(
    (tx) => {
      const taken = tx
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.name, name), isNull(entities.deletedAt)))
        .get();
      if (taken) throw new ConflictError(`The name "${name}" is already taken by a user or team.`, "name");
      const entity = tx.insert(entities).values({ name, kind: "team" }).returning().get();
      const team = tx
        .insert(teams)
        .values({ id: entity.id, displayName: p.displayName?.trim() || name })
        .returning()
        .get();
      keepDefaultEntityBeforeNewTeam(tx, p.creatorId);
      tx.insert(teamMembers).values({ teamId: team.id, userId: p.creatorId, role: "admin" }).run();
      return { id: team.id, name, displayName: team.displayName, allowedEmailDomain: null, createdAt: team.createdAt };
    },
    { behavior: "immediate" },
  );
}

export async function findTeamByName(db: Db, name: string): Promise<TeamRecord | undefined> {
  return db
    .select(teamColumns)
    .from(teams)
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(and(eq(entities.name, name.toLowerCase()), isNull(entities.deletedAt)))
    .get();
}

export async function getTeamRole(db: Db, teamId: string, userId: string): Promise<TeamRole | undefined> {
  return db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .get()?.role;
}

export async function listTeamMembers(db: Db, teamId: string) {
  return db
    .select({ userId: users.id, username: users.username, name: users.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), isNull(users.deletedAt)))
    .orderBy(asc(users.username))
    .all();
}

export async function updateTeam(
  db: Db,
  teamId: string,
  patch: { displayName?: string; allowedEmailDomain?: string | null },
) {
  if (Object.keys(patch).length > 0) db.update(teams).set(patch).where(eq(teams.id, teamId)).run();
}

/** Adds a live user by username. Unknown user → InvalidError on `username`; already a member → ConflictError. */
export async function addTeamMember(db: Db, p: { teamId: string; username: string; role: TeamRole }) {
  return db.transaction((tx) => {
    const user = tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(eq(users.username, p.username.toLowerCase()), isNull(users.deletedAt)))
      .get();
    if (!user) throw new InvalidError(`There is no user "${p.username}".`, "username");
    const existing = tx
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, user.id)))
      .get();
    if (existing) throw new ConflictError(`${user.username} is already a member of this team.`, "username");
    keepDefaultEntityBeforeNewTeam(tx, user.id);
    tx.insert(teamMembers).values({ teamId: p.teamId, userId: user.id, role: p.role }).run();
    return { username: user.username, role: p.role };
  });
}

/**
 * Ends a membership. The last admin of a team that still has other members cannot go:
 * ConflictError. Returns false when the user was not a member.
 */
export async function removeTeamMember(db: Db, p: { teamId: string; userId: string }): Promise<boolean> {
  return db.transaction(
    (tx) => {
      const member = tx
        .select({ role: teamMembers.role })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
        .get();
      if (!member) return false;
      if (member.role === "admin") {
        const [admins] = tx
          .select({ n: count() })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.role, "admin")))
          .all();
        const [others] = tx
          .select({ n: count() })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, p.teamId), ne(teamMembers.userId, p.userId)))
          .all();
        if ((admins?.n ?? 0) <= 1 && (others?.n ?? 0) > 0) {
          throw new ConflictError(
            "The last admin cannot leave a team that has other members. Make another member an admin first.",
          );
        }
      }
      tx.delete(teamMembers)
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
}

export function emailDomain(email: string): string {
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
  return db.transaction((tx) => {
    const existing = tx
      .select({ role: teamMembers.role })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, p.team.id), eq(teamMembers.userId, p.userId)))
      .get();
    if (existing) return "already-member";
    if (!p.team.allowedEmailDomain || emailDomain(p.email) !== p.team.allowedEmailDomain) return "not-allowed";
    if (!p.emailVerified) return "unverified";
    keepDefaultEntityBeforeNewTeam(tx, p.userId);
    tx.insert(teamMembers).values({ teamId: p.team.id, userId: p.userId, role: "member" }).run();
    return "joined";
  });
}

const userTeamsStatement = (db: Db) =>
  db
    .select({ ...teamColumns, role: teamMembers.role, joinedAt: teamMembers.createdAt })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(entities, eq(entities.id, teams.id))
    .where(and(eq(teamMembers.userId, sql.placeholder("userId")), isNull(entities.deletedAt)))
    .orderBy(asc(entities.name))
    .prepare();

/** The user's teams by name; on the path of every authenticated request, so prepared once. */
export async function listUserTeams(db: Db, userId: string) {
  return prepared(db, userTeamsStatement).all({ userId });
}

/**
 * Teams the user is not in but may join, because their verified email is in the team's allowed
 * domain; none while the address is unverified.
 */
export async function listJoinableTeams(db: Db, p: { userId: string; email: string; emailVerified: boolean }) {
  if (!p.emailVerified) return [];
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
    .orderBy(asc(entities.name))
    .all();
}

/** Teams the user administers alone while others remain: the last-admin rule blocks leaving them. */
export function blockingTeams(q: Db | Tx, userId: string) {
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
    )
    .all();
}

export async function teamsBlockingLeave(db: Db, userId: string) {
  return blockingTeams(db, userId);
}
