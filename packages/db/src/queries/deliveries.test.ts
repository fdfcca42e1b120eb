import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgPoolOf } from "../client";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { saveSlackWebhook } from "./alerts";
import { claimDelivery, findDelivery } from "./deliveries";
import { createSlackTestNotification, markDeliverySent, recordDeliveryAttemptFailed } from "./notifications";
import { createUser } from "./users";

let t: TestDatabase;

const at = (s: number) => new Date(Date.UTC(2026, 4, 1, 12, 0, s));

async function pendingDelivery() {
  const user = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
  await saveSlackWebhook(t.db, { userId: user.id, webhookUrlEncrypted: "sealed", now: at(0) });
  const { deliveryIds } = await createSlackTestNotification(t.db, { userId: user.id, now: at(0), url: "http://x" });
  return deliveryIds[0]!;
}

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe("claimDelivery", () => {
    it("counts the attempt and leases the row; nobody else claims it until the lease ends", async () => {
      const id = await pendingDelivery();
      expect(await claimDelivery(t.db, { id, now: at(1), leaseMs: 60_000 })).toEqual({ attempts: 1 });
      expect((await findDelivery(t.db, id))?.dueAt).toEqual(at(61));
      expect(await claimDelivery(t.db, { id, now: at(30), leaseMs: 60_000 })).toBeUndefined();
      // The holder died without a word: after the lease, another attempt may go.
      expect(await claimDelivery(t.db, { id, now: at(61), leaseMs: 60_000 })).toEqual({ attempts: 2 });
    });

    it("lets the retry claim once it is due, and never a sent or failed delivery", async () => {
      const id = await pendingDelivery();
      await claimDelivery(t.db, { id, now: at(1), leaseMs: 60_000 });
      await recordDeliveryAttemptFailed(t.db, { id, attempts: 1, error: "500", final: false, nextDueAt: at(21) });
      expect(await claimDelivery(t.db, { id, now: at(20), leaseMs: 60_000 })).toBeUndefined();
      expect(await claimDelivery(t.db, { id, now: at(21), leaseMs: 60_000 })).toEqual({ attempts: 2 });
      await markDeliverySent(t.db, { id, attempts: 2, now: at(22) });
      expect(await claimDelivery(t.db, { id, now: at(500), leaseMs: 60_000 })).toBeUndefined();
      expect(await findDelivery(t.db, id)).toMatchObject({ status: "sent", attempts: 2 });
      expect(await claimDelivery(t.db, { id: "missing", now: at(500), leaseMs: 1 })).toBeUndefined();
    });

    // PostgreSQL runs two workers' claims side by side: the row another claim holds is skipped
    // (FOR UPDATE SKIP LOCKED), not waited for. SQLite has one writer at a time, so no such case.
    if (dialect === "postgres") {
      it("skips at once a row another worker's claim holds locked, and claims it once that one is gone", async () => {
        const id = await pendingDelivery();
        const other = await pgPoolOf(t.db).connect();
        try {
          await other.query("begin");
          await other.query("select id from deliveries where id = $1 for update", [id]);
          const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 2000).unref());
          expect(
            await Promise.race([claimDelivery(t.db, { id, now: at(1), leaseMs: 60_000 }), waited]),
          ).toBeUndefined();
        } finally {
          await other.query("rollback");
          other.release();
        }
        expect(await claimDelivery(t.db, { id, now: at(1), leaseMs: 60_000 })).toEqual({ attempts: 1 });
      });
    }
  });
});
