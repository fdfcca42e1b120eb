import { purgeExpiredIdempotencyKeys, purgeExpiredSessions } from "@homebase/db";
import { defineJob } from "../../types";

/**
 * Deletes sessions whose idle expiry has passed, and idempotency keys older than 24 h. Both are
 * already ignored when expired; this keeps the tables small. Idempotent: running it twice
 * deletes nothing more.
 */
export const purgeExpiredSessionsJob = defineJob({
  name: "purge-expired-sessions",
  async run(_payload, { db, clock, logger }) {
    const purged = await purgeExpiredSessions(db, clock());
    const idempotencyKeys = await purgeExpiredIdempotencyKeys(db, clock());
    logger[purged + idempotencyKeys > 0 ? "info" : "debug"](
      { purged, idempotencyKeys },
      "expired sessions and idempotency keys purged",
    );
    return { purged, idempotencyKeys };
  },
});
