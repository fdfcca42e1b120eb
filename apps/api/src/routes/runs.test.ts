import { getSlackIntegration, listDeliveryLog } from "@homebase/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { slackWebhookHosts: ["hooks.slack.com", "http://127.0.0.1:9"] } });
});
afterEach(async () => {
  await t.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function userWithKey(username?: string) {
  const user = await signUp(t, username ? { username } : {});
  const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: user.cookie, json: { name: "sdk" } })).json();
  return { ...user, key: key as string };
}

async function startRun(
  key: string,
  body: Record<string, unknown> = { project: "mnist" },
  headers: Record<string, string> = {},
) {
  return call(t, "/api/v1/runs", { headers: { ...bearer(key), ...headers }, json: body });
}

/** A user's deliveries (as their notification log lists them, without throttled alerts). */
const deliveries = async (userId: string) =>
  (await listDeliveryLog(t.db, { userId, limit: 100 }))
    .filter((d) => d.channel !== null)
    .map(({ channel, status, kind, title }) => ({ channel, status, kind, title }));

describe("runs", () => {
  it("creates a run in the default entity with a generated name", async () => {
    const ada = await userWithKey("ada");
    const res = await startRun(ada.key);
    expect(res.status).toBe(201);
    const run = await res.json();
    expect(run).toMatchObject({ entity: "ada", project: "mnist", state: "running" });
    expect(run.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
  });

  it("resolves the entity: explicit, then X-Homebase-Entity, then default; others are 404", async () => {
    const ada = await userWithKey("ada");
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "ops" } });
    const bob = await signUp(t, { username: "bob" });
    await call(t, "/api/v1/teams", { cookie: bob.cookie, json: { name: "bobs" } });
    expect(
      (await (await startRun(ada.key, { project: "p", entity: "ops" }, { "x-homebase-entity": "lab" })).json()).entity,
    ).toBe("ops");
    expect((await (await startRun(ada.key, { project: "p" }, { "x-homebase-entity": "lab" })).json()).entity).toBe(
      "lab",
    );
    // With no stored choice, the first team stayed the default when the second arrived.
    expect((await (await startRun(ada.key, { project: "p" })).json()).entity).toBe("lab");
    expect((await startRun(ada.key, { project: "p", entity: "bobs" })).status).toBe(404);
    expect((await startRun(ada.key, { project: "p" }, { "x-homebase-entity": "bob" })).status).toBe(404);
  });

  it("validates the body", async () => {
    const ada = await userWithKey();
    for (const body of [{}, { project: "" }, { project: "has space" }, { project: "p", name: "" }, { project: 5 }]) {
      expect((await startRun(ada.key, body)).status).toBe(422);
    }
  });

  it("finishes once: exit 0 is finished, a second finish is 409, a heartbeat after the end is 409", async () => {
    const ada = await userWithKey();
    const run = await (await startRun(ada.key, { project: "p", name: "r1" })).json();
    expect(
      (await call(t, `/api/v1/runs/${run.id}/heartbeat`, { headers: bearer(ada.key), method: "POST" })).status,
    ).toBe(204);
    const done = await call(t, `/api/v1/runs/${run.id}/finish`, { headers: bearer(ada.key), json: { exitCode: 0 } });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ state: "finished" });
    expect(
      (await call(t, `/api/v1/runs/${run.id}/finish`, { headers: bearer(ada.key), json: { exitCode: 1 } })).status,
    ).toBe(409);
    expect(
      (await call(t, `/api/v1/runs/${run.id}/heartbeat`, { headers: bearer(ada.key), method: "POST" })).status,
    ).toBe(409);
    expect(await deliveries(ada.user.id)).toEqual([
      { channel: "email", status: "pending", kind: "run_finished", title: `Run finished: ${ada.user.username}/p/r1` },
    ]);
  });

  it("a non-zero exit crashes the run and records one crash notification", async () => {
    const ada = await userWithKey();
    const run = await (await startRun(ada.key, { project: "p", name: "r2" })).json();
    const res = await call(t, `/api/v1/runs/${run.id}/finish`, { headers: bearer(ada.key), json: { exitCode: 137 } });
    expect(await res.json()).toEqual({ state: "crashed" });
    expect(await deliveries(ada.user.id)).toEqual([
      { channel: "email", status: "pending", kind: "run_crashed", title: `Run crashed: ${ada.user.username}/p/r2` },
    ]);
  });

  it("sends to the channels the user enabled, Slack only once connected", async () => {
    const ada = await userWithKey();
    await call(t, "/api/v1/me/alerts", {
      cookie: ada.cookie,
      method: "PUT",
      json: { runFinished: { email: false, slack: true } },
    });
    const r1 = await (await startRun(ada.key)).json();
    await call(t, `/api/v1/runs/${r1.id}/finish`, { headers: bearer(ada.key), json: { exitCode: 0 } });
    expect(await deliveries(ada.user.id)).toEqual([]);
    expect(
      (
        await call(t, "/api/v1/me/integrations/slack", {
          cookie: ada.cookie,
          method: "PUT",
          json: { webhookUrl: "https://hooks.slack.com/services/T/B/x" },
        })
      ).status,
    ).toBe(200);
    const r2 = await (await startRun(ada.key)).json();
    await call(t, `/api/v1/runs/${r2.id}/finish`, { headers: bearer(ada.key), json: { exitCode: 0 } });
    expect((await deliveries(ada.user.id)).map((d) => d.channel)).toEqual(["slack"]);
  });

  it("hides other people's runs (404)", async () => {
    const ada = await userWithKey();
    const eve = await userWithKey();
    const run = await (await startRun(ada.key)).json();
    expect(
      (await call(t, `/api/v1/runs/${run.id}/finish`, { headers: bearer(eve.key), json: { exitCode: 0 } })).status,
    ).toBe(404);
    expect(
      (await call(t, `/api/v1/runs/${run.id}/heartbeat`, { headers: bearer(eve.key), method: "POST" })).status,
    ).toBe(404);
    expect((await call(t, "/api/v1/runs/nope/heartbeat", { headers: bearer(ada.key), method: "POST" })).status).toBe(
      404,
    );
  });
});

describe("scriptable alerts", () => {
  const alert = (key: string, runId: string, body: Record<string, unknown>) =>
    call(t, `/api/v1/runs/${runId}/alerts`, { headers: bearer(key), json: { text: "loss is NaN", ...body } });

  it("throttles the same title on the same run inside waitDuration, not other titles or runs", async () => {
    const ada = await userWithKey();
    const run = await (await startRun(ada.key)).json();
    const other = await (await startRun(ada.key)).json();
    const first = await alert(ada.key, run.id, { title: "Loss diverged", level: "ERROR" });
    expect(first.status).toBe(202);
    expect((await first.json()).status).toBe("queued");
    expect((await (await alert(ada.key, run.id, { title: "Loss diverged" })).json()).status).toBe("throttled");
    expect((await (await alert(ada.key, run.id, { title: "Accuracy dropped" })).json()).status).toBe("queued");
    expect((await (await alert(ada.key, other.id, { title: "Loss diverged" })).json()).status).toBe("queued");
    // waitDuration 0 never throttles.
    expect((await (await alert(ada.key, run.id, { title: "Loss diverged", waitDuration: 0 })).json()).status).toBe(
      "queued",
    );
    const log = (await (await call(t, "/api/v1/me/notifications", { cookie: ada.cookie })).json()).items;
    expect(log.filter((i: { status: string }) => i.status === "throttled")).toEqual([
      expect.objectContaining({ title: "Loss diverged", channel: null, kind: "scriptable" }),
    ]);
    expect(log.filter((i: { status: string }) => i.status === "pending")).toHaveLength(4);
  });

  it("sends again after the wait", async () => {
    let now = new Date("2026-03-01T10:00:00Z");
    const clocked = await createTestApp({ clock: { now: () => now } });
    try {
      const ada = await signUp(clocked);
      const { key } = await (
        await call(clocked, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })
      ).json();
      const run = await (await call(clocked, "/api/v1/runs", { headers: bearer(key), json: { project: "p" } })).json();
      const send = async () =>
        (
          await (
            await call(clocked, `/api/v1/runs/${run.id}/alerts`, {
              headers: bearer(key),
              json: { title: "T", text: "x", waitDuration: 300 },
            })
          ).json()
        ).status;
      expect(await send()).toBe("queued");
      now = new Date("2026-03-01T10:04:59Z");
      expect(await send()).toBe("throttled");
      now = new Date("2026-03-01T10:05:01Z");
      expect(await send()).toBe("queued");
    } finally {
      await clocked.close();
    }
  });

  it("validates title, text, level and waitDuration", async () => {
    const ada = await userWithKey();
    const run = await (await startRun(ada.key)).json();
    for (const body of [
      { title: "" },
      { title: "x".repeat(65) },
      { title: "t", text: "x".repeat(4001) },
      { title: "t", level: "FATAL" },
      { title: "t", waitDuration: -1 },
      { title: "t", waitDuration: "60" },
    ]) {
      expect((await alert(ada.key, run.id, body)).status, JSON.stringify(body).slice(0, 40)).toBe(422);
    }
  });
});

describe("alert preferences and Slack", () => {
  it("defaults to e-mail only and takes partial updates", async () => {
    const ada = await signUp(t);
    const defaults = await (await call(t, "/api/v1/me/alerts", { cookie: ada.cookie })).json();
    expect(defaults).toEqual({
      runFinished: { email: true, slack: false },
      runCrashed: { email: true, slack: false },
      scriptable: { email: true, slack: false },
      storage: { email: true, slack: false },
    });
    const res = await call(t, "/api/v1/me/alerts", {
      cookie: ada.cookie,
      method: "PUT",
      json: { runCrashed: { slack: true } },
    });
    expect((await res.json()).runCrashed).toEqual({ email: true, slack: true });
    expect(
      (await call(t, "/api/v1/me/alerts", { cookie: ada.cookie, method: "PUT", json: { runCrashed: { sms: true } } }))
        .status,
    ).toBe(422);
    expect(
      (
        await call(t, "/api/v1/me/alerts", {
          cookie: ada.cookie,
          method: "PUT",
          json: { runCrashed: { slack: "yes" } },
        })
      ).status,
    ).toBe(422);
  });

  it.each([
    "http://hooks.slack.com/services/T/B/x",
    "https://evil.example/services/T/B/x",
    "https://localhost/hook",
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "http://127.0.0.1:8080/hook",
    "not a url",
  ])("refuses the webhook URL %s with 422 and stores nothing", async (webhookUrl) => {
    const ada = await signUp(t);
    const res = await call(t, "/api/v1/me/integrations/slack", {
      cookie: ada.cookie,
      method: "PUT",
      json: { webhookUrl },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].path).toBe("webhookUrl");
    expect(await getSlackIntegration(t.db, ada.user.id)).toBeUndefined();
  });

  it("accepts an allowed origin, stores the URL encrypted, and queues a test", async () => {
    const ada = await signUp(t);
    const url = "http://127.0.0.1:9/hook/secret-path";
    expect((await call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" })).status).toBe(
      409,
    );
    expect(
      (await call(t, "/api/v1/me/integrations/slack", { cookie: ada.cookie, method: "PUT", json: { webhookUrl: url } }))
        .status,
    ).toBe(200);
    const stored = await getSlackIntegration(t.db, ada.user.id);
    expect(stored?.webhookUrlEncrypted).not.toContain("secret-path");
    expect(stored?.webhookUrlEncrypted.startsWith("v1.")).toBe(true);
    expect((await call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" })).status).toBe(
      202,
    );
    expect(await deliveries(ada.user.id)).toEqual([
      expect.objectContaining({ channel: "slack", kind: "test", status: "pending" }),
    ]);
    expect(t.logs.join("\n")).not.toContain("secret-path");
    expect((await call(t, "/api/v1/me/integrations/slack", { cookie: ada.cookie, method: "DELETE" })).status).toBe(204);
    expect((await call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" })).status).toBe(
      409,
    );
  });
});
