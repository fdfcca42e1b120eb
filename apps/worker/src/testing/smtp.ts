import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  to: string[];
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** Answers RCPT TO for `address` with this reply (e.g. 550), `times` times (default: always). */
  reject(address: string, reply: { code: number; message: string }, times?: number): void;
  /** How many RCPT TO commands the server answered for `address` (accepted or not). */
  attempts(address: string): number;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) on a free loopback port that keeps what it receives, parsed. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const rejections = new Map<string, { code: number; message: string; times: number }>();
  const rcptCounts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      rcptCounts.set(to, (rcptCounts.get(to) ?? 0) + 1);
      const rejection = rejections.get(to);
      if (!rejection || rejection.times <= 0) return callback();
      rejection.times -= 1;
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({ raw: raw.toString("utf8"), parsed, to: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    reject(address, reply, times = Number.POSITIVE_INFINITY) {
      rejections.set(address.toLowerCase(), { ...reply, times });
    },
    attempts: (address) => rcptCounts.get(address.toLowerCase()) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
