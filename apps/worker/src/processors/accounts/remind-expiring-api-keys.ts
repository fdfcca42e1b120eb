import { claimExpiryEmails } from "@homebase/db";
import { enqueueAccountEmail } from "@homebase/jobs";
import { defineJob } from "../../types";

/**
 * E-mails the owners of API keys (a user, or a service account's team admins) one reminder in
 * the 7 days before a key expires and one notice in its last 24 hours (GitLab's and GitHub's
 * schedule; a key found already expired gets the notice in the past tense). Each e-mail is
 * claimed in the database before it is queued, so it goes exactly once across restarts and
 * several workers; send-account-email words it from the time actually left.
 */
export const remindExpiringApiKeysJob = defineJob({
  name: "remind-expiring-api-keys",
  async run(_payload, { db, clock, queues, logger }) {
    const claimed = await claimExpiryEmails(db, { now: clock() });
    for (const c of claimed) {
      for (const r of c.recipients) {
        await enqueueAccountEmail(queues, {
          kind: c.kind === "reminder" ? "api-key-expiring" : "api-key-expires-today",
          to: r.email,
          username: r.username,
          keyId: c.keyId,
          keyName: c.keyName,
          expiresAt: c.expiresAt.toISOString(),
        });
      }
    }
    logger[claimed.length > 0 ? "info" : "debug"]({ emails: claimed.length }, "API key expiry e-mails queued");
    return { claimed: claimed.length };
  },
});
