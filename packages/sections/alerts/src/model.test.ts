import { describe, expect, it } from "vitest";
import {
  ALERT_EVENTS,
  type AlertPreferences,
  deliveryErrorText,
  deliveryPhase,
  formatClockTime,
  IDLE_REFRESH_MS,
  logRefreshInterval,
  PENDING_REFRESH_MS,
  PHASE_LABELS,
  testSendOutcome,
  withPreference,
} from "./model";

const none: AlertPreferences = {
  runFinished: { email: false, slack: false },
  runCrashed: { email: false, slack: false },
  scriptable: { email: false, slack: false },
  storage: { email: false, slack: false },
};

describe("alert preferences", () => {
  it("changes exactly one switch and leaves the original alone", () => {
    const next = withPreference(none, "runCrashed", "email", true);
    expect(next.runCrashed).toEqual({ email: true, slack: false });
    for (const event of ALERT_EVENTS.filter((e) => e !== "runCrashed")) expect(next[event]).toEqual(none[event]);
    expect(none.runCrashed.email).toBe(false);
  });
});

describe("delivery log refresh", () => {
  it("polls every 2 s while anything is pending, slowly otherwise", () => {
    expect(logRefreshInterval([{ status: "sent" }, { status: "pending" }])).toBe(PENDING_REFRESH_MS);
    expect(PENDING_REFRESH_MS).toBe(2000);
    expect(logRefreshInterval([{ status: "sent" }, { status: "failed" }, { status: "throttled" }])).toBe(
      IDLE_REFRESH_MS,
    );
    expect(logRefreshInterval(undefined)).toBe(IDLE_REFRESH_MS);
  });
});

describe("delivery status", () => {
  const ENOTFOUND =
    "Slack could not be reached: the host name could not be found — check the address for typos (ENOTFOUND)";

  it("shows a pending delivery that already failed an attempt as retrying, and a failed one as failed", () => {
    expect(deliveryPhase({ status: "pending", error: null })).toBe("pending");
    expect(deliveryPhase({ status: "pending", error: ENOTFOUND })).toBe("retrying");
    expect(PHASE_LABELS[deliveryPhase({ status: "pending", error: ENOTFOUND })]).toBe("Retrying");
    expect(deliveryPhase({ status: "failed", error: ENOTFOUND })).toBe("failed");
    expect(PHASE_LABELS[deliveryPhase({ status: "failed", error: ENOTFOUND })]).toBe("Failed");
    expect(deliveryPhase({ status: "sent", error: null })).toBe("sent");
  });

  it("says where a failing delivery stands, with the worker's explanation", () => {
    expect(deliveryErrorText({ status: "pending", error: ENOTFOUND, attempts: 2 }, 6)).toBe(
      `Attempt 2 of 6 failed: ${ENOTFOUND}. It is tried again.`,
    );
    expect(deliveryErrorText({ status: "failed", error: ENOTFOUND, attempts: 6 }, 6)).toBe(
      `Not delivered after 6 attempts: ${ENOTFOUND}.`,
    );
    expect(deliveryErrorText({ status: "failed", error: "Slack is no longer connected.", attempts: 1 }, 6)).toBe(
      "Not delivered: Slack is no longer connected.",
    );
    expect(deliveryErrorText({ status: "sent", error: null, attempts: 1 }, 6)).toBeNull();
  });
});

describe("the result of Send test", () => {
  const time = (iso: string) => formatClockTime(iso, "en-GB", "UTC");
  const base = { sending: false, requestError: null, requested: true };

  it("goes from sending to queued to sent, with where and when", () => {
    expect(testSendOutcome({ ...base, sending: true, requested: false, delivery: undefined }, 6, time)).toEqual({
      state: "sending",
      text: "Sending a test message…",
    });
    expect(testSendOutcome({ ...base, delivery: undefined }, 6, time)?.state).toBe("queued");
    const pending = { status: "pending" as const, error: null, attempts: 0, channel: "slack" as const, sentAt: null };
    expect(testSendOutcome({ ...base, delivery: pending }, 6, time)).toEqual({
      state: "queued",
      text: "Test message queued for your Slack channel…",
    });
    expect(
      testSendOutcome(
        { ...base, delivery: { ...pending, status: "sent", attempts: 1, sentAt: "2026-03-01T12:03:40Z" } },
        6,
        time,
      ),
    ).toEqual({ state: "sent", text: "✓ Sent to your Slack channel at 12:03." });
  });

  it("explains a failure: the request refused, an attempt failed, or the last attempt failed", () => {
    expect(testSendOutcome({ ...base, requestError: "Connect Slack first.", delivery: undefined }, 6, time)).toEqual({
      state: "failed",
      text: "Could not send a test message: Connect Slack first.",
    });
    const failing = {
      status: "pending" as const,
      error: "Slack answered 404: no_service — the webhook no longer exists",
      attempts: 1,
      channel: "slack" as const,
      sentAt: null,
    };
    expect(testSendOutcome({ ...base, delivery: failing }, 6, time)).toEqual({
      state: "retrying",
      text: "Attempt 1 of 6 failed: Slack answered 404: no_service — the webhook no longer exists. It is tried again.",
    });
    expect(testSendOutcome({ ...base, delivery: { ...failing, status: "failed" } }, 6, time)).toEqual({
      state: "failed",
      text: "Not delivered: Slack answered 404: no_service — the webhook no longer exists.",
    });
  });

  it("shows nothing before a test was sent", () => {
    expect(testSendOutcome({ ...base, requested: false, delivery: undefined }, 6, time)).toBeNull();
  });
});
