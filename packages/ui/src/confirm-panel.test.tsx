import { describe, expect, it } from "vitest";
import { ConfirmPanel } from "./confirm-panel";
import { markup } from "./test-markup";

const panel = (error?: string | null) =>
  markup(
    <ConfirmPanel
      confirmLabel="Disconnect Slack"
      onConfirm={() => {}}
      onCancel={() => {}}
      error={error}
      errorTitle="Could not disconnect Slack"
    >
      <p>The saved webhook URL is deleted.</p>
    </ConfirmPanel>,
  );

describe("ConfirmPanel", () => {
  it("explains first, then offers Cancel (focused first) and the red confirm button", () => {
    const html = panel(null);
    const text = html.indexOf("The saved webhook URL is deleted.");
    const cancel = html.search(/<button[^>]*data-autofocus[^>]*>.*?Cancel</);
    const confirm = html.indexOf("Disconnect Slack");
    expect(text).toBeGreaterThanOrEqual(0);
    expect(cancel).toBeGreaterThan(text);
    expect(confirm).toBeGreaterThan(cancel);
    expect(html).toContain("--button-bg:var(--mantine-color-red-filled)");
    expect(html).not.toContain('role="alert"');
    expect(panel("")).not.toContain('role="alert"');
  });

  it("shows the last error in an alert with its heading", () => {
    const html = panel("The server did not answer.");
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain("Could not disconnect Slack");
    expect(html).toContain("The server did not answer.");
  });
});
