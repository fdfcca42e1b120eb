import type { Db, schema } from "@homebase/db";
import type { Queues } from "@homebase/jobs";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { AppConfig } from "../config";
import type { Clock } from "./clock";

export type User = typeof schema.users.$inferSelect;
export type ApiKeyScope = schema.ApiKeyScope;

/** A person: signed in through the browser, or a program using one of the person's API keys. */
export type UserPrincipal =
  | { kind: "session"; user: User; sessionTokenHash: string }
  | { kind: "api-key"; user: User; keyId: string; scope: ApiKeyScope };

/** A program using a service account's key: it acts for the service account's team. */
export type ServiceAccountPrincipal = {
  kind: "service-account";
  keyId: string;
  scope: ApiKeyScope;
  serviceAccount: { id: string; name: string };
  team: { id: string; name: string };
};

/** Who is calling. */
export type Principal = UserPrincipal | ServiceAccountPrincipal;

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

/** Routes behind requireUser: a person is calling (session or personal API key). */
export type AuthedEnv = {
  Variables: Omit<AppEnv["Variables"], "principal"> & { principal: UserPrincipal };
};

/** Routes behind requirePrincipal: a person or a service account is calling. */
export type PrincipalEnv = {
  Variables: Omit<AppEnv["Variables"], "principal"> & { principal: Principal };
};
