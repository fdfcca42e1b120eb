import type { WorkerConfig } from "../config";
import { createEmailChannel, type EmailChannel } from "./email";
import { createSlackChannel, type SlackChannel } from "./slack";

export type { EmailChannel, OutgoingEmail } from "./email";
export type { SlackChannel } from "./slack";

/** The ways a notification leaves the system, built once per worker runtime. */
export interface Channels {
  email: EmailChannel;
  slack: SlackChannel;
  close(): void;
}

export function createChannels(config: WorkerConfig): Channels {
  const email = createEmailChannel({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    outboxDir: config.outboxDir,
    timeoutMs: config.smtpTimeoutMs,
  });
  const slack = createSlackChannel({ timeoutMs: config.slackTimeoutMs });
  return { email, slack, close: () => email.close() };
}
