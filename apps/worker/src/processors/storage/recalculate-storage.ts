import { recalculateStorage } from "@homebase/db";
import { enqueueDeliveries } from "@homebase/jobs";
import { defineJob } from "../../types";

/** The link in storage alerts. */
export function storageSettingsUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, "")}/settings/storage`;
}

/**
 * Recomputes one entity's usage from its objects (debounced: writes in one window share this
 * job), stores it with a history point, and enqueues the storage alert a level change records.
 */
export const recalculateStorageJob = defineJob({
  name: "recalculate-storage",
  async run({ entityId }, { db, clock, config, queues, job }) {
    const result = await recalculateStorage(db, [entityId], {
      now: clock(),
      defaultQuotaBytes: config.defaultStorageQuotaBytes,
      settingsUrl: storageSettingsUrl(config.publicUrl),
    });
    await enqueueDeliveries(queues, result.deliveryIds);
    await job.updateProgress(100);
    return { recalculated: result.recalculated, alerts: result.deliveryIds.length };
  },
});
