import { PURGE_LEASE_MS } from "@homebase/db";

/**
 * A job's hold on the purge it claimed, between purge steps (each step renews the lease itself):
 * `keep()` renews the claim once a third of PURGE_LEASE_MS has passed since the last renewal, so
 * long work before the steps (run folders, the GitHub revocation) never lets it run out, without a
 * write per run. False when another worker took the purge over: stop, that one carries on.
 */
export function purgeHold(claim: (now: Date) => Promise<boolean>, clock: () => Date) {
  let renewedAt = clock().getTime();
  return {
    async keep(): Promise<boolean> {
      const now = clock();
      if (now.getTime() - renewedAt < PURGE_LEASE_MS / 3) return true;
      if (!(await claim(now))) return false;
      renewedAt = now.getTime();
      return true;
    },
  };
}
