// Generated from ../schema/idempotency.ts by scripts/emit-pg-schema.ts — do not edit; edit the SQLite file
// and run `pnpm --filter @homebase/db generate:pg-schema`.

import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Idempotency keys of POST requests (the `Idempotency-Key` header of the IETF HTTP API draft,
 * as Stripe does): the first answer to a caller's key, replayed for a retry with the same body
 * within 24 h. `status` is null while the first request is still being processed.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** Who sent it: a user's or a service account's id; keys of different callers never meet. */
    callerId: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    status: integer(),
    /** The first answer's body (JSON text) and content type. */
    responseBody: text(),
    contentType: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.callerId, t.key] }), index("idempotency_keys_created").on(t.createdAt)],
);
