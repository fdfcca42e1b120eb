import { and, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { ConflictError } from "../errors";
import type { TeamRole } from "../schema";
import { lockTeam } from "./teams";
import { transaction } from "./tx";

/**
 * Changes a member's role. Undefined when the user is not a member; ConflictError when the
 * change would leave the team without an admin (the last admin demoting themself).
 */
export async function setTeamMemberRole(
  db: Db,
  p: { teamId: string; userId: string; role: TeamRole },
): Promise<{ username: string; role: TeamRole } | undefined> {
  return transaction(db, async (tx) => {
    const { teamMembers, users } = tables(tx);
    await lockTeam(tx, p.teamId);
    const [member] = await tx
      .select({ role: teamMembers.role, username: users.username })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
      .limit(1);
    if (!member) return undefined;
    if (member.role === "admin" && p.role !== "admin") {
      const [admins] = await tx
        .select({ n: count() })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.role, "admin")));
      if ((admins?.n ?? 0) <= 1) {
        throw new ConflictError(
          "A team needs at least one admin: make another member an admin before you become a member.",
        );
      }
    }
    await tx
      .update(teamMembers)
      .set({ role: p.role })
      .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)));
    return { username: member.username, role: p.role };
  });
}
