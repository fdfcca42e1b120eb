import type { Db } from "../client";

/** The handle a query function passes to helpers while inside its own transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
