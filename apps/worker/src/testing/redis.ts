import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

/** The Redis the tests use: REDIS_URL, else the local one. */
// biome-ignore lint/style/noProcessEnv: test support reads REDIS_URL as the test files (exempt from this rule) did
export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestRedis {
  connection: Redis;
  /** A QUEUE_PREFIX no other test run uses. */
  prefix: string;
  /**
   * Deletes every key under the prefix in one step, as a FLUSHALL would for this deployment:
   * no client (a worker putting its schedulers back) can write between the first and the last
   * deletion, however many keys the shared Redis holds.
   */
  flush: () => Promise<void>;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup: () => Promise<void>;
}

/** SCAN and UNLINK of every key matching ARGV[1], inside one script so that Redis runs it atomically. */
const FLUSH_SCRIPT = `
local cursor = "0"
repeat
  local page = redis.call("SCAN", cursor, "MATCH", ARGV[1], "COUNT", 1000)
  cursor = page[1]
  if #page[2] > 0 then redis.call("UNLINK", unpack(page[2])) end
until cursor == "0"
return 0
`;

/** A real Redis connection with a unique key prefix, for one test file. */
export async function createTestRedis(url = TEST_REDIS_URL): Promise<TestRedis> {
  const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await connection.connect();
  const prefix = `test-${randomUUID()}`;
  return {
    connection,
    prefix,
    async flush() {
      await connection.eval(FLUSH_SCRIPT, 0, `${prefix}:*`);
    },
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
