/** Shapes of the alert routes (see API.md "Runs and alerts") and the rules the page applies to them. */

export const ALERT_EVENTS = ["runFinished", "runCrashed", "scriptable", "storage"] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];
export const CHANNELS = ["email", "slack"] as const;
export type Channel = (typeof CHANNELS)[number];

export type AlertPreferences = Record<AlertEvent, Record<Channel, boolean>>;

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

export type DeliveryKind = "run_finished" | "run_crashed" | "scriptable" | "storage" | "test";
export type DeliveryStatus = "pending" | "sent" | "failed" | "throttled";

export interface Delivery {
  id: string;
  kind: DeliveryKind;
  title: string;
  channel: Channel | null;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
}

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
