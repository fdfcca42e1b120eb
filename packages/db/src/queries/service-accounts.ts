import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";

/** Renames a team's service account; undefined when the team has no such account. */
export async function renameServiceAccount(db: Db, p: { teamId: string; id: string; name: string }) {
  const { serviceAccounts } = tables(db);
  const [row] = await db
    .update(serviceAccounts)
    .set({ name: p.name })
    .where(and(eq(serviceAccounts.teamId, p.teamId), eq(serviceAccounts.id, p.id)))
    .returning({ id: serviceAccounts.id, name: serviceAccounts.name });
  return row;
}

/**
 * Deletes a team's service account; its API keys go with it (cascade), so they stop working at
 * once. Runs it created stay, without it. False when the team has no such account.
 */
export async function deleteServiceAccount(db: Db, p: { teamId: string; id: string }): Promise<boolean> {
  const { serviceAccounts } = tables(db);
  const gone = await db
    .delete(serviceAccounts)
    .where(and(eq(serviceAccounts.teamId, p.teamId), eq(serviceAccounts.id, p.id)))
    .returning({ id: serviceAccounts.id });
  return gone.length > 0;
}
