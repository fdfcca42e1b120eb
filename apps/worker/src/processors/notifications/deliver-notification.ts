import { type AlertContent, alertEmail, decryptSecret, slackAlertMessage } from "@homebase/core";
import { claimDelivery, getDeliveryForSend, markDeliverySent, recordDeliveryAttemptFailed } from "@homebase/db";
import { DELIVERY_ATTEMPTS } from "@homebase/jobs";
import { DelayedError, UnrecoverableError } from "bullmq";
import { DeliveryFailure, deliveryRetryDelayMs, RetryableDeliveryError } from "../../retry";
import { defineJob, type JobContext } from "../../types";

type Found = NonNullable<Awaited<ReturnType<typeof getDeliveryForSend>>>;

/**
 * Sends one delivery: one notification on one channel. The job id is the delivery id.
 *
 * The database decides, Redis only carries the work:
 * - The attempt first claims the row (`claimDelivery`): only a pending row whose due time has
 *   come can be claimed; claiming counts the attempt and leases the row for
 *   `deliveryLeaseMs`. A missing, sent or failed row ends the job at once, so a delivery
 *   marked sent is never sent again, however many jobs Redis holds for it.
 * - A row leased by another attempt (a worker that died mid-send, a second job created after
 *   Redis lost the first) is not touched: this job waits until the lease ends, then looks
 *   again and normally finds the row sent.
 * - Success marks the row sent; a failure records the attempt and its error, sets when the
 *   retry is due, and fails the row for good when the answer was permanent or this was the
 *   6th attempt.
 *
 * The one window for a duplicate: the remote (SMTP server, Slack) accepted the message and the
 * worker died (or lost the database) before `markDeliverySent` committed. The row is then still
 * pending; when its lease ends it is sent again. Nothing can close that window without the
 * remote's help; an e-mail repeat carries the same Message-ID and a Slack repeat the same
 * delivery id in its context line, so receivers can tell.
 */
export const deliverNotificationJob = defineJob({
  name: "deliver-notification",
  async run({ deliveryId }, ctx) {
    const { db, clock, config, logger } = ctx;
    const claim = await claimDelivery(db, { id: deliveryId, now: clock(), leaseMs: config.deliveryLeaseMs });
    const found = await getDeliveryForSend(db, deliveryId);
    if (!found) return { skipped: "missing" };
    if (!claim) {
      const { status, dueAt } = found.delivery;
      if (status !== "pending") return { skipped: status };
      // Leased by another attempt, or not due yet: look again when it is due.
      return waitUntil(ctx, dueAt.getTime() + 50);
    }
    const attempt = claim.attempts;
    const fail = async (failure: DeliveryFailure) => {
      const now = clock();
      const final = failure.permanent || attempt >= DELIVERY_ATTEMPTS;
      const delayMs = failure.retryAfterMs ?? deliveryRetryDelayMs(attempt, config.deliveryRetryBaseMs);
      await recordDeliveryAttemptFailed(db, {
        id: deliveryId,
        attempts: attempt,
        error: failure.message,
        final,
        nextDueAt: new Date(now.getTime() + delayMs),
      });
      if (final) throw new UnrecoverableError(failure.message);
      throw new RetryableDeliveryError(failure.message, failure.retryAfterMs);
    };

    if (found.userDeleted) return fail(new DeliveryFailure("The recipient's account was deleted.", true));
    if (attempt > DELIVERY_ATTEMPTS) {
      // Only after attempts that never got to record their outcome (a worker killed mid-send, again and again).
      return fail(new DeliveryFailure(`Gave up after ${attempt - 1} attempts that did not finish.`, true));
    }

    try {
      await send(found, ctx);
    } catch (error) {
      const failure =
        error instanceof DeliveryFailure
          ? error
          : new DeliveryFailure(`Unexpected error: ${(error as Error)?.message ?? String(error)}`, false);
      return fail(failure);
    }

    // The duplicate window (see above) is between the remote's accept and this commit.
    const marked = await markDeliverySent(db, { id: deliveryId, attempts: attempt, now: clock() });
    if (!marked) logger.warn({ deliveryId }, "delivery was no longer pending when marked sent");
    return { sent: true, channel: found.delivery.channel, attempts: attempt };
  },
});

/** Parks the job until `atMs` without counting an attempt (BullMQ's manual delay). */
async function waitUntil(ctx: JobContext, atMs: number): Promise<never> {
  await ctx.job.moveToDelayed(Math.max(atMs, Date.now() + 50), ctx.token);
  throw new DelayedError();
}

function alertContent(found: Found): AlertContent {
  const n = found.notification;
  return { kind: n.kind, title: n.title, text: n.text, level: n.level, url: n.url };
}

async function send(found: Found, { config, channels }: JobContext): Promise<void> {
  const { delivery } = found;
  const content = alertContent(found);
  switch (delivery.channel) {
    case "email": {
      const settingsUrl = `${config.publicUrl.replace(/\/$/, "")}/settings/alerts`;
      await channels.email.send({ deliveryId: delivery.id, to: found.email, ...alertEmail(content, { settingsUrl }) });
      return;
    }
    case "slack": {
      if (!found.webhookUrlEncrypted) throw new DeliveryFailure("Slack is no longer connected.", true);
      let webhookUrl: string;
      try {
        webhookUrl = decryptSecret(found.webhookUrlEncrypted, config.encryptionKey);
      } catch {
        throw new DeliveryFailure(
          "The saved Slack webhook cannot be decrypted with this SECRET_KEY; connect Slack again.",
          true,
        );
      }
      await channels.slack.send(webhookUrl, slackAlertMessage(content, { deliveryId: delivery.id }));
      return;
    }
  }
}
