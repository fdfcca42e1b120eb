/** What an alert says, whatever the channel: the notification's fields that reach the recipient. */
export interface AlertContent {
  kind: "run_finished" | "run_crashed" | "scriptable" | "storage" | "test";
  title: string;
  text: string;
  level: "INFO" | "WARN" | "ERROR";
  /** Absolute link to what the alert is about, when there is one. */
  url: string | null;
}

/** How each level looks: an emoji where only text fits (Slack, subjects), a colour elsewhere. */
export const ALERT_LEVEL_STYLE = {
  INFO: { emoji: "ℹ️", colour: "#2563eb", label: "Info" },
  WARN: { emoji: "⚠️", colour: "#d97706", label: "Warning" },
  ERROR: { emoji: "🚨", colour: "#dc2626", label: "Error" },
} as const satisfies Record<AlertContent["level"], { emoji: string; colour: string; label: string }>;

/** The label of the link to the alert's subject. */
export function alertLinkLabel(kind: AlertContent["kind"]): string {
  switch (kind) {
    case "run_finished":
    case "run_crashed":
    case "scriptable":
      return "Open run";
    case "storage":
      return "Open storage";
    default:
      return "Open Homebase";
  }
}

/** One line, at most `max` characters (an ellipsis marks a cut). */
export function singleLine(value: string, max: number): string {
  const line = value.replace(/[\r\n\t]+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** At most `max` characters (an ellipsis marks a cut). */
export function truncateText(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
