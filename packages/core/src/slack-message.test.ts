import { describe, expect, it } from "vitest";
import type { AlertContent } from "./alert-content";
import { escapeSlackText, slackAlertMessage, slackMessageDeliveryId } from "./slack-message";

const alert: AlertContent = {
  kind: "run_crashed",
  title: "Run crashed: ada/mnist/bold-river-7",
  text: "Your run ada/mnist/bold-river-7 crashed: it exited with code 1.",
  level: "ERROR",
  url: "https://homebase.example/ada/mnist/runs/r1",
};

describe("slackAlertMessage", () => {
  it("shows the level as an emoji, the text, a button to the run and the delivery id", () => {
    const message = slackAlertMessage(alert, { deliveryId: "d-42" });
    expect(message.text).toBe("🚨 Run crashed: ada/mnist/bold-river-7");
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "🚨 Run crashed: ada/mnist/bold-river-7", emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: alert.text } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open run" },
            url: alert.url,
            action_id: "open",
            style: "danger",
          },
        ],
      },
      { type: "context", elements: [{ type: "mrkdwn", text: "*Error* · Homebase · delivery `d-42`" }] },
    ]);
    expect(slackMessageDeliveryId(message)).toBe("d-42");
  });

  it("uses ℹ️ and ⚠️ for the other levels, and leaves out what is empty", () => {
    const info = slackAlertMessage({ ...alert, level: "INFO", text: "  ", url: null }, { deliveryId: "x" });
    expect(info.text.startsWith("ℹ️ ")).toBe(true);
    expect(info.blocks.map((b) => b.type)).toEqual(["header", "context"]);
    expect(slackAlertMessage({ ...alert, level: "WARN" }, { deliveryId: "x" }).text.startsWith("⚠️ ")).toBe(true);
  });

  it("escapes Slack's control characters and keeps within Block Kit's limits", () => {
    expect(escapeSlackText("<!channel> a & b > c")).toBe("&lt;!channel&gt; a &amp; b &gt; c");
    const long = slackAlertMessage(
      { ...alert, title: `${"t".repeat(300)}\nnext line`, text: "x".repeat(5000) },
      { deliveryId: "x" },
    );
    const [header, section] = long.blocks;
    if (header?.type !== "header" || section?.type !== "section") throw new Error("unexpected blocks");
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).not.toContain("\n");
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
  });

  it("finds no delivery id in other messages", () => {
    expect(slackMessageDeliveryId({})).toBeUndefined();
    expect(slackMessageDeliveryId({ blocks: [{ type: "section" }] })).toBeUndefined();
  });
});
