import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { slackMessageDeliveryId } from "@homebase/core";

export interface SlackReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ReceivedSlackMessage {
  path: string;
  /** When the receiver read it (ms since the epoch). */
  at: number;
  /** What the receiver answered. */
  status: number;
  body: { text?: string; blocks?: { type: string; [key: string]: unknown }[] };
  /** The delivery id from the message's context block. */
  deliveryId: string | undefined;
}

export interface SlackReceiver {
  origin: string;
  /** A webhook URL on this receiver; each test uses its own path. */
  url(path: string): string;
  /** Every request, in arrival order. */
  received: ReceivedSlackMessage[];
  /** Requests to one path. */
  on(path: string): ReceivedSlackMessage[];
  /** The next answers for a path, in order; after them (and by default) 200 "ok". */
  script(path: string, replies: SlackReply[]): void;
  close(): Promise<void>;
}

export interface SlackReceiverOptions {
  /**
   * Time a request waits before the receiver takes it (a queue in front of the receiver). A
   * request whose sender is gone by then (a killed worker) is dropped, as a proxy drops the
   * requests of clients that went away; a request taken is accepted and answered at once.
   * So a message is accepted twice only when its sender died between the answer and its commit.
   */
  thinkMs?: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A real HTTP server standing in for Slack's incoming webhooks, told per path what to answer. */
export async function startSlackReceiver(options: SlackReceiverOptions = {}): Promise<SlackReceiver> {
  const received: ReceivedSlackMessage[] = [];
  const scripts = new Map<string, SlackReply[]>();
  const server = createServer((req, res) => {
    void (async () => {
      if (options.thinkMs) {
        let gone = false;
        const onGone = () => {
          gone = true;
        };
        req.socket.once("end", onGone).once("close", onGone);
        await new Promise((r) => setTimeout(r, options.thinkMs));
        // Let pending I/O (the FIN of a sender that died meanwhile) be seen before deciding.
        await new Promise((r) => setImmediate(r));
        req.socket.off("end", onGone).off("close", onGone);
        if (gone || req.socket.destroyed) {
          req.socket.destroy();
          return;
        }
      }
      const text = await readBody(req);
      const path = req.url ?? "/";
      const reply = scripts.get(path)?.shift() ?? { status: 200, body: "ok" };
      let body: ReceivedSlackMessage["body"] = {};
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as an empty message.
      }
      received.push({ path, at: Date.now(), status: reply.status, body, deliveryId: slackMessageDeliveryId(body) });
      res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      res.end(reply.body ?? (reply.status < 300 ? "ok" : "error"));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path.startsWith("/") ? path : `/${path}`}`,
    received,
    on: (path) => received.filter((r) => r.path === (path.startsWith("/") ? path : `/${path}`)),
    script(path, replies) {
      scripts.set(path.startsWith("/") ? path : `/${path}`, [...replies]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
