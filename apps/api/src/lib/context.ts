import type { Db, schema } from "@homebase/db";
import type { Queues } from "@homebase/jobs";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { AppConfig } from "../config";
import type { Clock } from "./clock";

export type User = typeof schema.users.$inferSelect;

/** Who is calling. API keys and service accounts join in with the API-keys issue. */
export type Principal = { kind: "session"; user: User; sessionTokenHash: string };

export interface AppDeps {
  db: Db;
  redis: Redis;
  queues: Queues;
  config: AppConfig;
  logger: Logger;
  clock?: Clock;
}

export type AppEnv = {
  Variables: {
    deps: Required<AppDeps>;
    requestId: string;
    principal: Principal | null;
  };
};

/** The context of a route behind requireUser: a principal is always present. */
export type AuthedEnv = {
  Variables: AppEnv["Variables"] & { principal: Principal };
};
