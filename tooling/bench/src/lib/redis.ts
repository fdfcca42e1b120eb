import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { REDIS_URL } from "./paths";

/** A QUEUE_PREFIX of this bench run; every key under it is deleted at the end. */
export function benchPrefix(name: string): string {
  return `bench-${name}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every key under `prefix:`; returns how many went. */
export async function deletePrefix(prefix: string, url = REDIS_URL): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => {});
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function redisAnswers(url = REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 2000 });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
