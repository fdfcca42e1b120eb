import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { entities } from "../schema";

export async function findEntityByName(db: Db, name: string) {
  return db
    .select()
    .from(entities)
    .where(and(eq(entities.name, name.toLowerCase()), isNull(entities.deletedAt)))
    .get();
}

export async function isEntityNameTaken(db: Db, name: string): Promise<boolean> {
  return (await findEntityByName(db, name)) !== undefined;
}
