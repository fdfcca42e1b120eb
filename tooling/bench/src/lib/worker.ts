import { REDIS_URL, WORKER_MAIN } from "./paths";
import { type NodeProcess, startNode } from "./proc";

/** The real worker process (apps/worker/src/main.ts) on DATA_DIR and QUEUE_PREFIX. */
export function startWorker(o: { dataDir: string; prefix: string; publicUrl: string; logLevel?: string }): NodeProcess {
  return startNode("worker", WORKER_MAIN, {
    env: {
      NODE_ENV: "production",
      DATA_DIR: o.dataDir,
      QUEUE_PREFIX: o.prefix,
      REDIS_URL,
      PUBLIC_URL: o.publicUrl,
      LOG_LEVEL: o.logLevel ?? "warn",
      // SQLite in DATA_DIR, whatever the shell running the bench has set.
      DATABASE_URL: undefined,
    },
  });
}
