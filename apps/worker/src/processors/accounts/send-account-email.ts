import { accountEmail, decryptSecret } from "@homebase/core";
import { findApiKeyOwner } from "@homebase/db";
import { UnrecoverableError } from "bullmq";
import { defineJob } from "../../types";

/**
 * Sends one account e-mail (address verification, password reset, security notices) by the
 * e-mail channel: SMTP, or an .eml file in DATA_DIR/outbox without SMTP_URL. The link's token
 * arrives sealed with the deployment's key and is opened only to write the message. The job
 * id (a UUID) is the Message-ID, so a retried send is recognisable as the same message.
 *
 * An e-mail about an API key looks its owner up when it is written: a service account's key is
 * named with its account and team, and links to the team's page. The expiry e-mails state the
 * time left by the worker's clock at sending, so a late send never promises a key that is gone.
 */
export const sendAccountEmailJob = defineJob({
  name: "send-account-email",
  async run(payload, { channels, config, job, db, clock }) {
    let token: string | undefined;
    if (payload.sealedToken) {
      try {
        token = decryptSecret(payload.sealedToken, config.encryptionKey);
      } catch {
        // Sealed with another SECRET_KEY: the link cannot be rebuilt; the user asks for a new one.
        throw new UnrecoverableError("The e-mail's token was sealed with another key.");
      }
    }
    // A deleted key (the owner cleaned up before this ran) reads as the recipient's own.
    const owner = payload.keyId ? await findApiKeyOwner(db, payload.keyId) : undefined;
    const message = accountEmail({
      kind: payload.kind,
      username: payload.username,
      publicUrl: config.publicUrl,
      token,
      newEmail: payload.newEmail,
      keyId: payload.keyId,
      keyName: payload.keyName,
      address: payload.address,
      userAgent: payload.userAgent,
      foundAt: payload.foundAt,
      expiresAt: payload.expiresAt,
      now: clock(),
      serviceAccount: owner?.kind === "service-account" ? { name: owner.serviceAccount, team: owner.team } : undefined,
    });
    await channels.email.send({ deliveryId: String(job.id), to: payload.to, ...message });
    return { sent: payload.kind };
  },
});
