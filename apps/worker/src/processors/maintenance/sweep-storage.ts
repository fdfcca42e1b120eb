import { listStaleEntities } from "@homebase/db";
import { enqueueStorageRecalculation } from "@homebase/jobs";
import { defineJob } from "../../types";

/**
 * Object writes mark the entity's usage stale in the database; its recalculation clears the
 * mark. An entity still stale after `storageStaleMs` lost its job (flushed Redis, enqueue
 * failure): enqueue it again. The database is the source of truth, Redis the transport.
 */
export const sweepStorageJob = defineJob({
  name: "sweep-storage",
  async run(_payload, { db, clock, config, queues, logger }) {
    const now = clock();
    const stale = await listStaleEntities(db, { before: new Date(now.getTime() - config.storageStaleMs), limit: 1000 });
    for (const entityId of stale) await enqueueStorageRecalculation(queues, entityId, now.getTime());
    if (stale.length > 0) logger.info({ entities: stale.length }, "stale storage usage re-enqueued");
    return { requeued: stale.length };
  },
});
