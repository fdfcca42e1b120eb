import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { slackMessageDeliveryId } from "@homebase/core";

export interface Receiver {
  origin: string;
  /** Arrival time (Date.now()) of each delivery id, the first time it arrived. */
  arrivals: Map<string, number>;
  duplicates: number;
  requests: number;
  /** Resolves when every id has arrived (or rejects after timeoutMs). */
  waitFor(ids: readonly string[], timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A local stand-in for Slack's incoming webhooks that answers 200 "ok" at once. Loopback only. */
export async function startReceiver(): Promise<Receiver> {
  const arrivals = new Map<string, number>();
  let duplicates = 0;
  let requests = 0;
  // Each waiter counts down the ids it still misses: O(1) per message, whatever the batch size.
  let waiters: { ids: readonly string[]; missing: Set<string>; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = Date.now();
      requests++;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      let id: string | undefined;
      try {
        id = slackMessageDeliveryId(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        id = undefined;
      }
      if (!id) return;
      if (arrivals.has(id)) duplicates++;
      else arrivals.set(id, at);
      if (waiters.length > 0) {
        waiters = waiters.filter((w) => {
          w.missing.delete(id);
          if (w.missing.size > 0) return true;
          w.resolve();
          return false;
        });
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    get duplicates() {
      return duplicates;
    },
    get requests() {
      return requests;
    },
    waitFor(ids, timeoutMs) {
      const missing = new Set(ids.filter((i) => !arrivals.has(i)));
      if (missing.size === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w.ids !== ids);
          const missing = ids.filter((i) => !arrivals.has(i)).length;
          reject(new Error(`${missing} of ${ids.length} messages did not reach the receiver within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push({
          ids,
          missing,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
