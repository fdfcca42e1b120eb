import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis the tests use: REDIS_URL, else the local one. */
// biome-ignore lint/style/noProcessEnv: test support reads REDIS_URL as the test files (exempt from this rule) did
export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  connection: Redis;
  /** A QUEUE_PREFIX no other test run uses. */
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup: () => Promise<void>;
}

/** A real Redis connection with a unique key prefix, for one test file. */
export async function createTestRedis(url = TEST_REDIS_URL): Promise<TestRedis> {
  const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await connection.connect();
  const prefix = `test-${randomUUID()}`;
  return {
    connection,
    prefix,
    async cleanup() {
      let cursor = "0";
      do {
        const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        if (keys.length > 0) await connection.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
      await connection.quit();
    },
  };
}
