import { describe, expect, it } from "vitest";
import { parseWebhookAllowList, webhookUrlProblem } from "./slack";

describe("Slack webhook URLs", () => {
  const defaults = parseWebhookAllowList("hooks.slack.com");
  const local = parseWebhookAllowList("hooks.slack.com, http://127.0.0.1:8080");

  it("accepts https URLs on an allowed host", () => {
    expect(webhookUrlProblem("https://hooks.slack.com/services/T0/B0/abc", defaults)).toBeNull();
    expect(webhookUrlProblem("https://HOOKS.slack.com/services/T0/B0/abc", defaults)).toBeNull();
  });

  it.each([
    "http://hooks.slack.com/services/T0/B0/abc",
    "https://hooks.slack.com.evil.io/services/x",
    "https://evil.io/hooks.slack.com",
    "https://hooks.slack.com:8443/services/x",
    "https://user:pw@hooks.slack.com/services/x",
    "https://localhost/services/x",
    "http://127.0.0.1:8080/hook",
    "https://10.0.0.5/hook",
    "https://169.254.169.254/latest/meta-data",
    "ftp://hooks.slack.com/x",
    "hooks.slack.com/services/x",
    "",
  ])("refuses %s by default", (url) => {
    expect(webhookUrlProblem(url, defaults)).not.toBeNull();
  });

  it("allows exactly a listed origin, and only it", () => {
    expect(webhookUrlProblem("http://127.0.0.1:8080/hook", local)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:8081/hook", local)).not.toBeNull();
    expect(webhookUrlProblem("https://127.0.0.1:8080/hook", local)).not.toBeNull();
    expect(webhookUrlProblem("http://localhost:8080/hook", local)).not.toBeNull();
  });
});
