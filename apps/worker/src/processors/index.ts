import type { ProcessorRegistry } from "../types";
import { purgeExpiredSessionsJob } from "./maintenance/purge-expired-sessions";

/** Job name → processor. The worker dispatches by `job.name` through this table. */
export const PROCESSORS: ProcessorRegistry = {
  "purge-expired-sessions": purgeExpiredSessionsJob,
};
