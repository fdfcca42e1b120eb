import { describe, expect, it } from "vitest";
import {
  ALERT_EVENTS,
  type AlertPreferences,
  IDLE_REFRESH_MS,
  logRefreshInterval,
  PENDING_REFRESH_MS,
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
