import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";

export async function findEntityByName(db: Db, name: string) {
  const { entities } = tables(db);
  const [row] = await db
    .select()
    .from(entities)
    .where(and(eq(entities.name, name.toLowerCase()), isNull(entities.deletedAt)))
    .limit(1);
  return row;
}
