/*
 * Fails `pnpm typecheck` of the API when packages/api-types (the route types the sections
 * compile against) no longer says what the routes do. Fix: `npm run generate:api-types` in
 * apps/api (scripts/emit-api-types.ts), and commit the file it writes.
 */
import type { AppSchema } from "@homebase/api-types";
import type { Hono } from "hono";
import type { createApp } from "./app";

type Routes = ReturnType<typeof createApp> extends Hono<infer _E, infer S, infer _B> ? S : never;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * The paths whose published types differ from the routes' own, or that only one side has:
 * `never` when packages/api-types is current. (Compared path by path: the two sides build the
 * same object type in different ways, so only their members can be compared for identity.)
 */
export type StalePublishedPaths =
  | Exclude<keyof Routes, keyof AppSchema>
  | Exclude<keyof AppSchema, keyof Routes>
  | { [P in keyof Routes & keyof AppSchema]: Same<Routes[P], AppSchema[P]> extends true ? never : P }[keyof Routes &
      keyof AppSchema];

// An error here names the stale paths: run `npm run generate:api-types` in apps/api.
const stale: [StalePublishedPaths] extends [never] ? "current" : StalePublishedPaths = "current";
void stale;
