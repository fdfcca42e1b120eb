import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { tables } from "@homebase/db";
import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/*
 * Redis away: a redis-server this test starts on a free port and stops midway. No request may
 * wait on Redis longer than about a second; where the database already holds the work it
 * answers as usual (the worker's sweepers enqueue it when Redis is back), and where Redis is
 * essential to the answer (the login limiter) it answers 503 with Retry-After, never 500.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let redis: ChildProcess;
let t: TestApp;
let port: number;

beforeAll(async () => {
  port = await freePort();
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const tryConnect = () => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () =>
        Date.now() > deadline ? reject(new Error("redis-server did not start")) : setTimeout(tryConnect, 50),
      );
    };
    tryConnect();
  });
  t = await createTestApp({
    redisUrl: `redis://127.0.0.1:${port}`,
    config: { slackWebhookHosts: ["http://127.0.0.1:9"] },
  });
});

afterAll(async () => {
  await t?.close();
  redis?.kill("SIGKILL");
});

async function timed(request: Promise<Response>) {
  const started = performance.now();
  const res = await request;
  return { res, ms: performance.now() - started };
}

describe("with Redis stopped", () => {
  it("answers every route within about a second, without 500s, and keeps the work in the database", async () => {
    const ada = await signUp(t, { username: "ada" });
    const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: ada.cookie, json: { name: "k" } })).json();
    const bearer = { authorization: `Bearer ${key}` };
    const slack = await call(t, "/api/v1/me/integrations/slack", {
      cookie: ada.cookie,
      method: "PUT",
      json: { webhookUrl: "http://127.0.0.1:9/hook" },
    });
    expect(slack.status, await slack.clone().text()).toBe(200);
    const runs = await Promise.all(
      [1, 2].map(async () => (await call(t, "/api/v1/runs", { headers: bearer, json: { project: "p" } })).json()),
    );

    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));

    const results: Record<string, { status: number; ms: number }> = {};
    const check = async (name: string, request: Promise<Response>) => {
      const { res, ms } = await timed(request);
      results[name] = { status: res.status, ms: Math.round(ms) };
      return res;
    };
    const login = await check("login", call(t, "/api/v1/auth/login", { json: { login: "ada", password: "wrong" } }));
    expect(login.status).toBe(503);
    expect(login.headers.get("retry-after")).toBeTruthy();
    expect(login.headers.get("content-type")).toMatch(/problem\+json/);
    await check("finish", call(t, `/api/v1/runs/${runs[0].id}/finish`, { headers: bearer, json: { exitCode: 0 } }));
    await check(
      "alert",
      call(t, `/api/v1/runs/${runs[1].id}/alerts`, { headers: bearer, json: { title: "T", text: "x" } }),
    );
    await check(
      "storage batch",
      call(t, "/api/v1/storage/objects/batch", {
        headers: bearer,
        json: { objects: [{ project: "p", kind: "other", path: "a", size: 1, digest: "d" }] },
      }),
    );
    await check(
      "recalculate",
      call(t, "/api/v1/entities/ada/storage/recalculate", { headers: bearer, method: "POST" }),
    );
    await check("slack test", call(t, "/api/v1/me/integrations/slack/test", { cookie: ada.cookie, method: "POST" }));
    await check("readyz", Promise.resolve(t.app.request("/readyz")));
    console.log("with Redis stopped (status, ms):", JSON.stringify(results));

    expect(results.finish!.status).toBe(200);
    expect(results.alert!.status).toBe(202);
    expect(results["storage batch"]!.status).toBe(201);
    expect(results.recalculate!.status).toBe(503);
    expect(results["slack test"]!.status).toBe(202);
    expect(results.readyz!.status).toBe(503);
    for (const [name, r] of Object.entries(results)) {
      expect(r.status, name).toBeLessThan(500 + (r.status === 503 ? 4 : 0));
      expect(r.ms, name).toBeLessThan(1800);
    }
    // The database holds the work for the sweepers: the finish's and the alert's deliveries, the stale usage.
    const { deliveries, storageUsage } = tables(t.db);
    expect(await countRows(t.db, deliveries, eq(deliveries.status, "pending"))).toBeGreaterThanOrEqual(2);
    expect(await countRows(t.db, storageUsage, isNotNull(storageUsage.staleSince))).toBe(1);
  });
});
