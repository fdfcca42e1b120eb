import { recordDeliveryAttemptFailed } from "@homebase/db";
import { DELIVERY_ATTEMPTS } from "@homebase/jobs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const log = async (cookie: string) => {
  const res = await call(t, "/api/v1/me/notifications", { cookie });
  expect(res.status).toBe(200);
  return res.json();
};

describe("Send test and the delivery log", () => {
  it("refuses a test without Slack with a problem document, not a 500", async () => {
    const ada = await signUp(t);
    const res = await call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" });
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await res.json()).detail).toMatch(/Connect Slack first/);
  });

  it("answers with the test's delivery id, whose row goes from pending to retrying to failed", async () => {
    const ada = await signUp(t);
    const saved = await call(t, "/api/v1/me/integrations/slack", {
      cookie: ada.cookie,
      method: "PUT",
      json: { webhookUrl: "https://hooks.slack.com/services/T000/B000/secret" },
    });
    expect(saved.status).toBe(200);
    const sent = await call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" });
    expect(sent.status).toBe(202);
    const { id } = await sent.json();

    const first = await log(ada.cookie);
    expect(first.maxAttempts).toBe(DELIVERY_ATTEMPTS);
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ id, kind: "test", channel: "slack", status: "pending", error: null });

    // What the worker records: a failed attempt that is retried, then the last one.
    const error =
      "Slack could not be reached: the host name could not be found — check the address for typos (ENOTFOUND)";
    await recordDeliveryAttemptFailed(t.db, { id, attempts: 1, error, final: false, nextDueAt: new Date() });
    expect((await log(ada.cookie)).items[0]).toMatchObject({ id, status: "pending", attempts: 1, error });
    await recordDeliveryAttemptFailed(t.db, {
      id,
      attempts: DELIVERY_ATTEMPTS,
      error,
      final: true,
      nextDueAt: new Date(),
    });
    expect((await log(ada.cookie)).items[0]).toMatchObject({
      id,
      status: "failed",
      attempts: DELIVERY_ATTEMPTS,
      error,
      sentAt: null,
    });
  });
});
