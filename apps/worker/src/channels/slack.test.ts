import { slackAlertMessage } from "@homebase/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryFailure } from "../retry";
import { type SlackReceiver, startSlackReceiver } from "../testing/slack-receiver";
import { createSlackChannel, scrubUrl } from "./slack";

let receiver: SlackReceiver;
beforeAll(async () => {
  receiver = await startSlackReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const SECRET_PATH = "/services/T000/B000/XXXXsecretXXXX";
const message = slackAlertMessage(
  {
    kind: "run_crashed",
    title: "Run crashed: ada/mnist/r1",
    text: "It exited with code 1.",
    level: "ERROR",
    url: null,
  },
  { deliveryId: "d-1" },
);
const slack = createSlackChannel({ timeoutMs: 1000 });

async function failure(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryFailure);
  return error as DeliveryFailure;
}

describe("Slack channel", () => {
  it("posts the Block Kit message as JSON and resolves on 200", async () => {
    await slack.send(receiver.url("/ok"), message);
    const [got] = receiver.on("/ok");
    expect(got!.body).toEqual(JSON.parse(JSON.stringify(message)));
    expect(got!.deliveryId).toBe("d-1");
  });

  it("classifies Slack's answers: 4xx permanent, 5xx and 408 transient, 429 with its Retry-After", async () => {
    const cases = [
      { status: 400, body: "invalid_payload", permanent: true },
      { status: 403, body: "action_prohibited", permanent: true },
      { status: 404, body: "no_service", permanent: true },
      { status: 410, body: "channel_is_archived", permanent: true },
      { status: 408, body: "timeout", permanent: false },
      { status: 500, body: "rollup_error", permanent: false },
      { status: 503, body: "unavailable", permanent: false },
    ];
    for (const c of cases) {
      const path = `/status-${c.status}`;
      receiver.script(path, [{ status: c.status, body: c.body }]);
      const f = await failure(slack.send(receiver.url(path), message));
      expect({ status: c.status, permanent: f.permanent }).toEqual({ status: c.status, permanent: c.permanent });
      // Slack's own answer first, then what it means where Slack documents it.
      expect(f.message.startsWith(`Slack answered ${c.status}: ${c.body}`)).toBe(true);
      expect(f.retryAfterMs).toBeUndefined();
    }
    receiver.script("/limited", [{ status: 429, headers: { "Retry-After": "7" }, body: "rate_limited" }]);
    const limited = await failure(slack.send(receiver.url("/limited"), message));
    expect(limited).toMatchObject({
      permanent: false,
      retryAfterMs: 7000,
      message: "Slack answered 429: rate_limited — Slack asked to slow down — it is retried later",
    });

    const at = new Date(Date.now() + 30_000).toUTCString();
    receiver.script("/limited-date", [{ status: 429, headers: { "Retry-After": at } }]);
    const byDate = await failure(slack.send(receiver.url("/limited-date"), message));
    expect(byDate.retryAfterMs).toBeGreaterThan(25_000);
    expect(byDate.retryAfterMs).toBeLessThanOrEqual(31_000);
  });

  it("retries when Slack cannot be reached or does not answer in time, and never repeats the URL", async () => {
    const gone = await startSlackReceiver();
    const url = gone.url(SECRET_PATH);
    await gone.close();
    const refused = await failure(slack.send(url, message));
    expect(refused.permanent).toBe(false);
    expect(refused.message).toMatch(/^Slack could not be reached: /);
    expect(refused.message).toMatch(/refused the connection .*\(ECONNREFUSED\)|could not be reached: /);
    expect(refused.message).not.toContain("secret");

    const slow = await startSlackReceiver({ thinkMs: 3000 });
    try {
      const timedOut = await failure(slack.send(slow.url(SECRET_PATH), message));
      expect(timedOut.permanent).toBe(false);
      expect(timedOut.message).not.toContain("secret");
    } finally {
      await slow.close();
    }
  });

  it("scrubs the webhook URL and its path from texts", () => {
    const url = `https://hooks.slack.com${SECRET_PATH}`;
    expect(scrubUrl(`Failed to parse URL from ${url}`, url)).toBe("Failed to parse URL from [webhook URL]");
    expect(scrubUrl(`POST ${SECRET_PATH} failed`, url)).toBe("POST /[redacted] failed");
  });
});

describe("explanations in the delivery log", () => {
  it("say what went wrong and what to check, keeping the raw code", async () => {
    const { explainNetworkError, explainSlackAnswer, explainSmtpReply } = await import("./explain");
    expect(explainNetworkError("ENOTFOUND", "x")).toBe(
      "the host name could not be found — check the address for typos (ENOTFOUND)",
    );
    expect(explainNetworkError("EWHATEVER", "raw text")).toBe("raw text");
    expect(explainSlackAnswer(404, "no_service")).toMatch(
      /^Slack answered 404: no_service — the webhook no longer exists/,
    );
    expect(explainSlackAnswer(500, "rollup_error")).toBe("Slack answered 500: rollup_error");
    expect(explainSmtpReply(535, "535 5.7.8 Authentication failed")).toMatch(
      /refused the user name or password in SMTP_URL/,
    );
  });
});
