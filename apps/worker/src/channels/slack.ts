import type { SlackAlertMessage } from "@homebase/core";
import { IncomingWebhook, type IncomingWebhookSendArguments } from "@slack/webhook";
import { DeliveryFailure, parseRetryAfterMs } from "../retry";
import { explainNetworkError, explainSlackAnswer } from "./explain";

export interface SlackChannel {
  /** Resolves once Slack answered 2xx; throws DeliveryFailure. The URL is a secret: it never appears in errors. */
  send(webhookUrl: string, message: SlackAlertMessage): Promise<void>;
}

/** Answers that will not change on a retry: invalid_payload (400), action_prohibited (403), no_service (404, 410)… */
function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Slack incoming webhooks through @slack/webhook (its own retries off: BullMQ retries).
 *
 * @slack/webhook 8 uses fetch and reports a non-2xx answer as IncomingWebhookHTTPError with
 * `statusCode` and `body` but without the response headers, so Retry-After would be lost. The
 * library accepts a `fetch` of our choosing: ours is the global fetch that also keeps the
 * answer's Retry-After. Redirects are refused by the library (`redirect: "error"`).
 */
export function createSlackChannel(options: { timeoutMs: number }): SlackChannel {
  return {
    async send(webhookUrl, message) {
      let retryAfter: string | null = null;
      const webhook = new IncomingWebhook(webhookUrl, {
        timeout: options.timeoutMs,
        retryConfig: { retries: 0 },
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          retryAfter = response.headers.get("retry-after");
          return response;
        },
      });
      try {
        await webhook.send(message as IncomingWebhookSendArguments);
      } catch (error) {
        throw slackFailure(error, retryAfter, webhookUrl);
      }
    },
  };
}

interface WebhookError extends Error {
  code?: string;
  statusCode?: number;
  body?: string;
  original?: Error & { cause?: { code?: string; message?: string } };
}

/** Classifies what @slack/webhook threw; removes the webhook URL from anything that is kept. */
export function slackFailure(error: unknown, retryAfter: string | null, webhookUrl: string): DeliveryFailure {
  const err = (error ?? {}) as WebhookError;
  const scrub = (text: string) => scrubUrl(text, webhookUrl);
  if (err.code === "slack_webhook_http_error" && typeof err.statusCode === "number") {
    const status = err.statusCode;
    const body = scrub(
      String(err.body ?? "")
        .replace(/\s+/g, " ")
        .trim(),
    ).slice(0, 200);
    const what = explainSlackAnswer(status, body);
    if (status === 429) return new DeliveryFailure(what, false, parseRetryAfterMs(retryAfter, Date.now()));
    if (isPermanentStatus(status)) return new DeliveryFailure(what, true);
    return new DeliveryFailure(what, false, status === 503 ? parseRetryAfterMs(retryAfter, Date.now()) : undefined);
  }
  // No answer: connection refused, DNS, TLS, timeout. Retried.
  const cause = err.original?.cause;
  const detail = cause?.code ?? cause?.message ?? err.original?.message ?? err.message ?? String(error);
  const explained = explainNetworkError(cause?.code, scrub(String(detail)).slice(0, 200));
  return new DeliveryFailure(`Slack could not be reached: ${explained}`, false);
}

/** Removes a webhook URL (and its path, the secret part) from a text. */
export function scrubUrl(text: string, webhookUrl: string): string {
  let out = text.split(webhookUrl).join("[webhook URL]");
  try {
    const url = new URL(webhookUrl);
    out = out.split(url.href).join("[webhook URL]");
    if (url.pathname.length > 1) out = out.split(url.pathname).join("/[redacted]");
  } catch {
    // Not a URL: nothing more to remove.
  }
  return out;
}
