import { randomUUID } from "node:crypto";
import { digest, generateApiKey } from "@homebase/core";
import type { PgPool } from "./pg";
import { KEYS_PER_USER } from "./seed-keys";

const ROWS_PER_STATEMENT = 10_000;

/**
 * seedKeys on PostgreSQL: `count` API keys of `count / 10` users (with their entities), stored as
 * the API stores them (key ID as primary key, SHA-256 of the secret), before the API starts.
 * Multi-row: one INSERT … SELECT FROM unnest(arrays) per 10,000 rows, in one transaction.
 */
export async function seedKeysPg(pool: PgPool, count: number): Promise<void> {
  const now = Date.now();
  const users: { id: string[]; name: string[] } = { id: [], name: [] };
  const keys: {
    id: string[];
    name: string[];
    userId: string[];
    digest: string[];
    created: Date[];
    used: (Date | null)[];
  } = { id: [], name: [], userId: [], digest: [], created: [], used: [] };
  let userId = "";
  for (let i = 0; i < count; i++) {
    if (i % KEYS_PER_USER === 0) {
      userId = randomUUID();
      users.id.push(userId);
      users.name.push(`seed-${i / KEYS_PER_USER}`);
    }
    const key = generateApiKey();
    keys.id.push(key.id);
    keys.name.push(`key ${i}`);
    keys.userId.push(userId);
    keys.digest.push(digest(key.secret));
    keys.created.push(new Date(now - i));
    keys.used.push(i % 3 === 0 ? new Date(now - i * 1000) : null);
  }
  const client = await pool.connect();
  try {
    await client.query("begin");
    const at = new Date(now);
    for (let i = 0; i < users.id.length; i += ROWS_PER_STATEMENT) {
      const ids = users.id.slice(i, i + ROWS_PER_STATEMENT);
      const names = users.name.slice(i, i + ROWS_PER_STATEMENT);
      await client.query(
        `insert into users (id, username, email, password_hash, created_at)
         select id, name, name || '@example.com', 'seeded', $3 from unnest($1::text[], $2::text[]) as u(id, name)`,
        [ids, names, at],
      );
      await client.query(
        `insert into entities (id, name, kind, created_at)
         select id, name, 'user', $3 from unnest($1::text[], $2::text[]) as u(id, name)`,
        [ids, names, at],
      );
    }
    for (let i = 0; i < count; i += ROWS_PER_STATEMENT) {
      const part = <T>(values: T[]) => values.slice(i, i + ROWS_PER_STATEMENT);
      await client.query(
        `insert into api_keys (id, name, user_id, secret_digest, created_at, last_used_at)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])`,
        [part(keys.id), part(keys.name), part(keys.userId), part(keys.digest), part(keys.created), part(keys.used)],
      );
    }
    await client.query("commit");
    await client.query("analyze users, entities, api_keys");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
