import { CHANNELS as ALL_CHANNELS } from "@homebase/core/vocabulary";
import type { api, ResponseOf } from "@homebase/settings-kit";

/** Shapes of the alert routes, from the typed client, and the rules the page applies to them. */

type Me = typeof api.api.v1.me;

/** `GET /me/alerts`: per event, per channel, whether it is sent. */
export type AlertPreferences = ResponseOf<Me["alerts"]["$get"]>;
export type AlertEvent = keyof AlertPreferences;
export type Channel = keyof AlertPreferences[AlertEvent];

/** The grid's rows and columns, in display order. */
export const ALERT_EVENTS = [
  "runFinished",
  "runCrashed",
  "scriptable",
  "storage",
] as const satisfies readonly AlertEvent[];
export const CHANNELS = ALL_CHANNELS satisfies readonly Channel[];

export const EVENT_LABELS: Record<AlertEvent, { label: string; description: string }> = {
  runFinished: { label: "Runs finished", description: "A run you started finished with exit code 0." },
  runCrashed: {
    label: "Run crashed",
    description: "A run exited with an error, or stopped sending heartbeats.",
  },
  scriptable: {
    label: "Scriptable run alerts",
    description: "Alerts your code raises with run.alert(title, text, level).",
  },
  storage: { label: "Storage", description: "Your storage use crossed 70, 85, 95 or 100 % of the plan." },
};

/** Element id of the Slack card, the target of the grid's "connect Slack" hint. */
export const SLACK_FORM_ID = "slack-webhook";

export const CHANNEL_LABELS: Record<Channel, string> = { email: "Email", slack: "Slack" };

/** A row of the delivery log (`GET /me/notifications`). */
export type Delivery = ResponseOf<Me["notifications"]["$get"]>["items"][number];
export type DeliveryKind = Delivery["kind"];
export type DeliveryStatus = Delivery["status"];

export const KIND_LABELS: Record<DeliveryKind, string> = {
  run_finished: "Run finished",
  run_crashed: "Run crashed",
  scriptable: "Run alert",
  storage: "Storage",
  test: "Test message",
};

export const STATUS_COLORS: Record<DeliveryStatus, string> = {
  pending: "blue",
  sent: "green",
  failed: "red",
  throttled: "gray",
};

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: "Pending",
  sent: "Sent",
  failed: "Failed",
  throttled: "Throttled",
};

/**
 * What the log shows for a delivery: a pending one that already failed an attempt is
 * "retrying" (with the error of that attempt), so it never reads as merely pending; after the
 * last attempt the server marks it failed.
 */
export type DeliveryPhase = DeliveryStatus | "retrying";

export function deliveryPhase(d: Pick<Delivery, "status" | "error">): DeliveryPhase {
  return d.status === "pending" && d.error ? "retrying" : d.status;
}

export const PHASE_COLORS: Record<DeliveryPhase, string> = { ...STATUS_COLORS, retrying: "orange" };
export const PHASE_LABELS: Record<DeliveryPhase, string> = { ...STATUS_LABELS, retrying: "Retrying" };

/**
 * The error line of a delivery, in the words the worker wrote (explain.ts: what went wrong and
 * what to check), with where it stands: retried (attempt n of max) or given up.
 */
export function deliveryErrorText(
  d: Pick<Delivery, "status" | "error" | "attempts">,
  maxAttempts: number | undefined,
): string | null {
  if (!d.error) return null;
  const error = d.error.replace(/\.$/, "");
  if (d.status === "failed") {
    return `Not delivered${d.attempts > 1 ? ` after ${d.attempts} attempts` : ""}: ${error}.`;
  }
  if (d.status === "pending") {
    const of = maxAttempts ? ` of ${maxAttempts}` : "";
    return `Attempt ${d.attempts}${of} failed: ${error}. It is tried again.`;
  }
  return null;
}

/** Where a test message goes, in the result next to "Send test". */
const CHANNEL_DESTINATIONS: Record<Channel, string> = { slack: "your Slack channel", email: "your e-mail address" };

export type TestSendState = "sending" | "queued" | "sent" | "retrying" | "failed";

export interface TestSendOutcome {
  state: TestSendState;
  text: string;
}

/**
 * The result of "Send test", shown next to the button: sending, queued (waiting for the worker),
 * sent (where and when), retrying or failed (with the explained error). Null before any test.
 * `delivery` is the test's row of the delivery log once it is there.
 */
export function testSendOutcome(
  input: {
    sending: boolean;
    requestError: string | null;
    delivery: Pick<Delivery, "status" | "error" | "attempts" | "channel" | "sentAt"> | undefined;
    requested: boolean;
  },
  maxAttempts: number | undefined,
  formatTime: (iso: string) => string,
): TestSendOutcome | null {
  if (input.sending) return { state: "sending", text: "Sending a test message…" };
  if (input.requestError) return { state: "failed", text: `Could not send a test message: ${input.requestError}` };
  if (!input.requested) return null;
  const d = input.delivery;
  if (!d) return { state: "queued", text: "Test message queued…" };
  const where = d.channel ? CHANNEL_DESTINATIONS[d.channel] : "nowhere";
  if (d.status === "sent") {
    return { state: "sent", text: `✓ Sent to ${where}${d.sentAt ? ` at ${formatTime(d.sentAt)}` : ""}.` };
  }
  if (d.status === "failed" || d.status === "throttled") {
    return { state: "failed", text: deliveryErrorText(d, maxAttempts) ?? "The test message was not delivered." };
  }
  if (d.error) return { state: "retrying", text: deliveryErrorText(d, maxAttempts) ?? "" };
  return { state: "queued", text: `Test message queued for ${where}…` };
}

/** "12:03": the hour and minute of an instant, in the user's locale and time zone. */
export function formatClockTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** While a delivery is pending the log refreshes every 2 s; otherwise now and then, to show new alerts. */
export const PENDING_REFRESH_MS = 2_000;
export const IDLE_REFRESH_MS = 15_000;

export function logRefreshInterval(items: readonly Pick<Delivery, "status">[] | undefined): number {
  return items?.some((item) => item.status === "pending") ? PENDING_REFRESH_MS : IDLE_REFRESH_MS;
}

/** `prefs` with one switch changed (a new object; `prefs` is not modified). */
export function withPreference(
  prefs: AlertPreferences,
  event: AlertEvent,
  channel: Channel,
  enabled: boolean,
): AlertPreferences {
  return { ...prefs, [event]: { ...prefs[event], [channel]: enabled } };
}
