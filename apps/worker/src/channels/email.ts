import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTransport } from "nodemailer";
import { DeliveryFailure } from "../retry";
import { explainNetworkError, explainSmtpReply } from "./explain";

export interface OutgoingEmail {
  /** Also the Message-ID (`<deliveryId@homebase>`) and the outbox file name. */
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface EmailChannel {
  /** Resolves once the SMTP server accepted the message (or the .eml file is written); throws DeliveryFailure. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export interface EmailChannelOptions {
  /** smtp(s)://user:pass@host:port; without it, messages are written to `outboxDir` as .eml files. */
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  /** Connection, greeting and socket-inactivity timeout (ms). */
  timeoutMs: number;
}

/** The Message-ID of a delivery's e-mail: the same on every attempt, so a receiver can spot a repeat. */
export function emailMessageId(deliveryId: string): string {
  return `<${deliveryId}@homebase>`;
}

/** Outbox files are named by delivery id; ids are UUIDs, anything else is refused as a path. */
function outboxFileName(deliveryId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(deliveryId)) throw new DeliveryFailure("Invalid delivery id for the outbox.", true);
  return `${deliveryId}.eml`;
}

/**
 * E-mail through nodemailer. With SMTP_URL: SMTP, where a 5xx answer fails the delivery for
 * good and a 4xx answer or a network error is retried. Without: a real RFC 5322 message is
 * written to DATA_DIR/outbox/<deliveryId>.eml (written to a temporary name, then renamed, so
 * a reader never sees half a file and a repeat replaces it).
 */
export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const message = (email: OutgoingEmail) => ({
    from: options.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: emailMessageId(email.deliveryId),
    headers: { "Auto-Submitted": "auto-generated", "X-Homebase-Delivery": email.deliveryId },
  });

  if (options.smtpUrl) {
    const transport = createTransport({
      url: options.smtpUrl,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
    });
    return {
      async send(email) {
        try {
          await transport.sendMail(message(email));
        } catch (error) {
          throw smtpFailure(error);
        }
      },
      close: () => transport.close(),
    };
  }

  const transport = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(email) {
      const file = join(options.outboxDir, outboxFileName(email.deliveryId));
      try {
        const info = await transport.sendMail(message(email));
        await mkdir(options.outboxDir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        await writeFile(temporary, info.message as Buffer);
        await rename(temporary, file);
      } catch (error) {
        // A full disk or a missing folder may be fixed by the operator: retried like a network error.
        throw new DeliveryFailure(`Could not write the e-mail to the outbox: ${(error as Error).message}`, false);
      }
    },
    close: () => transport.close(),
  };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** SMTP 5xx (and envelope or message errors without a reply) are permanent; 4xx and network errors are not. */
export function smtpFailure(error: unknown): DeliveryFailure {
  const err = (error ?? {}) as SmtpError;
  const reply = typeof err.response === "string" ? err.response.replace(/\s+/g, " ").trim().slice(0, 300) : "";
  if (typeof err.responseCode === "number") {
    const permanent = err.responseCode >= 500 && err.responseCode < 600;
    return new DeliveryFailure(explainSmtpReply(err.responseCode, reply), permanent);
  }
  const code = err.code ?? "ERROR";
  if (code === "EENVELOPE" || code === "EMESSAGE" || code === "ECONFIG") {
    return new DeliveryFailure(`The e-mail was refused before sending (${code}): ${err.message}`, true);
  }
  return new DeliveryFailure(
    `SMTP connection failed: ${explainNetworkError(code, `${err.message ?? String(error)} (${code})`)}`,
    false,
  );
}
