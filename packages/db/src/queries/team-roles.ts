import { and, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { ConflictError } from "../errors";
import { type TeamRole, teamMembers, users } from "../schema";

/**
 * Changes a member's role. Undefined when the user is not a member; ConflictError when the
 * change would leave the team without an admin (the last admin demoting themself).
 */
export async function setTeamMemberRole(
  db: Db,
  p: { teamId: string; userId: string; role: TeamRole },
): Promise<{ username: string; role: TeamRole } | undefined> {
  return db.transaction(
    (tx) => {
      const member = tx
        .select({ role: teamMembers.role, username: users.username })
        .from(teamMembers)
        .innerJoin(users, eq(users.id, teamMembers.userId))
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
        .get();
      if (!member) return undefined;
      if (member.role === "admin" && p.role !== "admin") {
        const [admins] = tx
          .select({ n: count() })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.role, "admin")))
          .all();
        if ((admins?.n ?? 0) <= 1) {
          throw new ConflictError(
            "A team needs at least one admin: make another member an admin before you become a member.",
          );
        }
      }
      tx.update(teamMembers)
        .set({ role: p.role })
        .where(and(eq(teamMembers.teamId, p.teamId), eq(teamMembers.userId, p.userId)))
        .run();
      return { username: member.username, role: p.role };
    },
    { behavior: "immediate" },
  );
}
