import { type AccountEmailInput, digest, encryptSecret, newToken } from "@homebase/core";
import { createUserToken, type schema } from "@homebase/db";
import { enqueueAccountEmail } from "@homebase/jobs";
import { boundedWait } from "../lib/bounded";
import type { AppDeps } from "../lib/context";

type Deps = Required<AppDeps>;

/**
 * Queues one account e-mail for the worker. Waits on Redis at most REDIS_WAIT_MS and never
 * throws: a lost verification or reset e-mail is sent again by asking again (the answer of the
 * route does not depend on it), and a lost notice is only a notice.
 */
export async function sendAccountEmail(
  deps: Deps,
  p: Pick<
    AccountEmailInput,
    "kind" | "username" | "token" | "newEmail" | "keyId" | "keyName" | "address" | "userAgent" | "foundAt"
  > & { to: string },
): Promise<void> {
  try {
    await boundedWait(
      enqueueAccountEmail(deps.queues, {
        kind: p.kind,
        to: p.to,
        username: p.username,
        // The token is a secret: it travels sealed and is never stored in clear.
        sealedToken: p.token ? encryptSecret(p.token, deps.config.encryptionKey) : undefined,
        newEmail: p.newEmail,
        keyId: p.keyId,
        keyName: p.keyName,
        address: p.address,
        userAgent: p.userAgent?.slice(0, 256),
        foundAt: p.foundAt?.slice(0, 2048),
      }),
    );
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, kind: p.kind }, "account e-mail not queued");
  }
}

/**
 * Issues a single-use token (only its digest is stored, valid 24 h for verify_email and 1 h
 * for reset_password; earlier unused ones of the same purpose stop working) and e-mails its link.
 */
export async function sendTokenEmail(
  deps: Deps,
  p: { user: Pick<schema.User, "id" | "username">; purpose: "verify_email" | "reset_password"; to: string },
): Promise<void> {
  const token = newToken();
  await createUserToken(deps.db, {
    userId: p.user.id,
    purpose: p.purpose,
    email: p.to,
    tokenHash: digest(token),
    now: deps.clock.now(),
  });
  await sendAccountEmail(deps, {
    kind: p.purpose === "verify_email" ? "verify-email" : "password-reset",
    to: p.to,
    username: p.user.username,
    token,
  });
}
