import { and, asc, eq, min } from "drizzle-orm";
import type { Db } from "../client";
import { tables } from "../dialect";
import { markStale } from "./storage";
import { forUpdate, transaction } from "./tx";

export interface RunFileUpload {
  /** The server id of the run. */
  runId: string;
  /** The file's path within the run, as the SDK names it ("wandb-summary.json", "media/x.png"). */
  path: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the bytes, hex. */
  digest: string;
  now: Date;
}

/**
 * Records an uploaded run file as one `run_file` storage object per run and path: a re-upload
 * of the same path replaces the earlier row and object in the same transaction, and the
 * entity's usage is marked stale (the storage sweeper's to-do list, should the recalculation
 * the caller enqueues be lost). Returns the run's entity id, or undefined when the run no
 * longer exists (the bytes should then be discarded).
 */
export async function recordRunFile(db: Db, p: RunFileUpload): Promise<string | undefined> {
  return transaction(db, async (tx) => {
    const { runs, runFiles, storageObjects } = tables(tx);
    const [run] = await tx
      .select({ id: runs.id, entityId: runs.entityId, projectId: runs.projectId, runId: runs.runId })
      .from(runs)
      .where(eq(runs.id, p.runId))
      .limit(1);
    if (!run) return undefined;
    // Locked on PostgreSQL: two uploads of one path at once replace the object one after the other.
    const [previous] = await forUpdate(
      tx,
      tx
        .select({ storageObjectId: runFiles.storageObjectId })
        .from(runFiles)
        .where(and(eq(runFiles.runId, p.runId), eq(runFiles.path, p.path))),
    );
    if (previous?.storageObjectId != null) {
      await tx.delete(storageObjects).where(eq(storageObjects.id, previous.storageObjectId));
    }
    const [object] = await tx
      .insert(storageObjects)
      .values({
        entityId: run.entityId,
        projectId: run.projectId,
        kind: "run_file",
        path: `runs/${run.runId}/${p.path}`,
        size: p.size,
        digest: p.digest,
        createdAt: p.now,
      })
      .returning({ id: storageObjects.id });
    await tx
      .insert(runFiles)
      .values({
        runId: p.runId,
        path: p.path,
        size: p.size,
        digest: p.digest,
        storageObjectId: object!.id,
        updatedAt: p.now,
      })
      .onConflictDoUpdate({
        target: [runFiles.runId, runFiles.path],
        set: { size: p.size, digest: p.digest, storageObjectId: object!.id, updatedAt: p.now },
      });
    await markStale(tx, run.entityId, p.now);
    return run.entityId;
  });
}

/** A run's files, by path. */
export async function listRunFiles(db: Db, runId: string) {
  const { runFiles } = tables(db);
  return db
    .select({ path: runFiles.path, size: runFiles.size, digest: runFiles.digest, updatedAt: runFiles.updatedAt })
    .from(runFiles)
    .where(eq(runFiles.runId, runId))
    .orderBy(asc(runFiles.path));
}

/**
 * The alerts recorded for a run, oldest first: one item per alert, however many recipients it
 * had (a team run's alert goes to each admin).
 */
export async function listRunAlerts(db: Db, runId: string) {
  const { notifications } = tables(db);
  return db
    .select({
      id: min(notifications.id).mapWith(String),
      kind: notifications.kind,
      title: notifications.title,
      level: notifications.level,
      status: notifications.status,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.runId, runId))
    .groupBy(
      notifications.kind,
      notifications.title,
      notifications.level,
      notifications.status,
      notifications.createdAt,
    )
    .orderBy(asc(notifications.createdAt))
    .limit(500);
}
