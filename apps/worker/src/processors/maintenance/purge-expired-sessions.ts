import { purgeExpiredSessions } from "@homebase/db";
import { defineJob } from "../../types";

/**
 * Deletes sessions whose idle expiry has passed. Expired sessions are already refused at
 * login time; this keeps the table small. Idempotent: running it twice deletes nothing more.
 */
export const purgeExpiredSessionsJob = defineJob({
  name: "purge-expired-sessions",
  async run(_payload, { db, clock, logger }) {
    const purged = await purgeExpiredSessions(db, clock());
    logger.info({ purged }, "expired sessions purged");
    return { purged };
  },
});
