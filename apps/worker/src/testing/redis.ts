import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export interface TestRedis {
  connection: Redis;
  /** A QUEUE_PREFIX no other test run uses. */
  prefix: string;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup: () => Promise<void>;
}

/** A real Redis connection with a unique key prefix, for one test file. */
export async function createTestRedis(url: string): Promise<TestRedis> {
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
