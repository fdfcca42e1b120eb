import { ALERT_LEVEL_STYLE, type AlertContent, alertLinkLabel, singleLine, truncateText } from "./alert-content";

/** The Block Kit shapes this message uses (a subset of @slack/types, kept here so core has no dependency). */
export type SlackBlock =
  | { type: "header"; text: { type: "plain_text"; text: string; emoji: true } }
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | {
      type: "actions";
      elements: [
        {
          type: "button";
          text: { type: "plain_text"; text: string };
          url: string;
          action_id: string;
          style?: "danger";
        },
      ];
    }
  | { type: "context"; elements: { type: "mrkdwn"; text: string }[] };

export interface SlackAlertMessage {
  /** Shown in notifications and by clients that cannot render blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** Slack's mrkdwn treats only these three as control characters. */
export function escapeSlackText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * An alert as a Block Kit message: the level as an emoji in the header, the text, a button to
 * what the alert is about, and a context line naming the level and the delivery id (the
 * Message-ID of Slack messages, for support and for receivers that count deliveries).
 * Lengths stay within Block Kit's limits (header 150, section 3000, button URL 3000).
 */
export function slackAlertMessage(alert: AlertContent, options: { deliveryId: string }): SlackAlertMessage {
  const style = ALERT_LEVEL_STYLE[alert.level];
  const heading = singleLine(`${style.emoji} ${alert.title}`, 150);
  const blocks: SlackBlock[] = [{ type: "header", text: { type: "plain_text", text: heading, emoji: true } }];
  const text = alert.text.trim();
  if (text) blocks.push({ type: "section", text: { type: "mrkdwn", text: truncateText(escapeSlackText(text), 3000) } });
  if (alert.url && alert.url.length <= 3000) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: alertLinkLabel(alert.kind) },
          url: alert.url,
          action_id: "open",
          ...(alert.level === "ERROR" ? { style: "danger" as const } : {}),
        },
      ],
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: `*${style.label}* · Homebase · delivery \`${options.deliveryId}\`` }],
  });
  return { text: truncateText(`${style.emoji} ${escapeSlackText(singleLine(alert.title, 300))}`, 3000), blocks };
}

/** The delivery id a message built by `slackAlertMessage` carries, for receivers and tests. */
export function slackMessageDeliveryId(message: { blocks?: unknown }): string | undefined {
  if (!Array.isArray(message.blocks)) return undefined;
  for (const block of message.blocks as { type?: string; elements?: { text?: string }[] }[]) {
    if (block.type !== "context") continue;
    for (const element of block.elements ?? []) {
      const match = /delivery `([^`]+)`/.exec(element.text ?? "");
      if (match) return match[1];
    }
  }
  return undefined;
}
