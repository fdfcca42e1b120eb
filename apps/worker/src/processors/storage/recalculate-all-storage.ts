import { countEntities, listEntityIds, pruneStorageHistory, recalculateStorage } from "@homebase/db";
import { enqueueDeliveries } from "@homebase/jobs";
import { defineJob } from "../../types";
import { storageSettingsUrl } from "./recalculate-storage";

/** Entities per transaction. */
const BATCH = 500;

/**
 * Recomputes every entity (daily, and on demand), correcting any drift, in batches of one
 * transaction each, reporting progress as a percentage. Also drops history older than core's
 * STORAGE_HISTORY_DAYS.
 */
export const recalculateAllStorageJob = defineJob({
  name: "recalculate-all-storage",
  async run(_payload, { db, clock, config, queues, job, logger }) {
    const total = await countEntities(db);
    const options = {
      now: clock(),
      defaultQuotaBytes: config.defaultStorageQuotaBytes,
      settingsUrl: storageSettingsUrl(config.publicUrl),
    };
    let after: string | null = null;
    let done = 0;
    let alerts = 0;
    await job.updateProgress(0);
    for (;;) {
      const ids = await listEntityIds(db, { afterId: after, limit: BATCH });
      if (ids.length === 0) break;
      const result = await recalculateStorage(db, ids, options);
      await enqueueDeliveries(queues, result.deliveryIds);
      alerts += result.deliveryIds.length;
      done += ids.length;
      after = ids[ids.length - 1]!;
      await job.updateProgress(total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 99);
    }
    const pruned = await pruneStorageHistory(db, options.now);
    await job.updateProgress(100);
    logger.info({ entities: done, alerts, pruned }, "storage recalculated for every entity");
    return { entities: done, alerts, pruned };
  },
});
