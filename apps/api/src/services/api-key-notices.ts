import { findKeyRecipients } from "@homebase/db";
import type { AppDeps } from "../lib/context";
import { sendAccountEmail } from "./account-emails";

type Deps = Required<AppDeps>;

/** Tells a key's owners (a user, or a service account's team admins) that it was used from a new address. */
export async function notifyNewKeyAddress(deps: Deps, keyId: string, address: string, userAgent: string | null) {
  const key = await findKeyRecipients(deps.db, keyId);
  if (!key) return;
  for (const r of key.recipients) {
    await sendAccountEmail(deps, {
      kind: "api-key-new-address",
      to: r.email,
      username: r.username,
      keyId,
      keyName: key.name,
      address,
      userAgent: userAgent ?? undefined,
    });
  }
}

/** Tells the owners of keys revoked as leaked, and where they were found when known. */
export async function notifyRevokedKeys(
  deps: Deps,
  revoked: { id: string; name: string; recipients: { email: string; username: string }[] }[],
  foundAt?: (keyId: string) => string | undefined,
) {
  for (const key of revoked) {
    for (const r of key.recipients) {
      await sendAccountEmail(deps, {
        kind: "api-key-revoked",
        to: r.email,
        username: r.username,
        keyId: key.id,
        keyName: key.name,
        foundAt: foundAt?.(key.id),
      });
    }
  }
}
