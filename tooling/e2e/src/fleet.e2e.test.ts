import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, deleteRedisKeys, freePort, type PgDatabase, REPO_ROOT } from "./harness";
import { eventually } from "./section-helpers";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver";

/**
 * The fleet of issue 16, started as the README says: one PostgreSQL database, one Redis, two
 * `npm run start:api` and two `npm run start:worker` processes (each with its own DATA_DIR, as
 * on separate hosts, sharing SECRET_KEY and a blob folder). A client spreads load over both APIs
 * for LOAD_MS: sign-ups, Slack and alert settings, key creation and use, storage batches, runs
 * with heartbeats and finishes. Midway one API process and one worker process are SIGKILLed
 * (their launchers start them again after a second, as `npm start` does). At the end every
 * acknowledged write is in the database, every storage object counts once, every alert reached
 * Slack and the SMTP server (duplicates only inside the kill window, counted and printed), no
 * response was a 5xx, and no delivery or job is left stuck.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const LOAD_MS = 32_000;
const KILL_AT_MS = 12_000;
const USERS_IN_PARALLEL = 6;

interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run <script>` at the repository root in its own process group. */
function npmRun(name: string, script: string, env: Record<string, string>): Proc {
  const child = spawn("npm", ["run", "--silent", script], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 1_000_000) output = output.slice(-500_000);
    if (process.env.E2E_VERBOSE) process.stdout.write(`[${name}] ${chunk}`);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { name, child, output: () => output, exited };
}

async function stopProc(proc: Proc) {
  if (proc.child.exitCode !== null || !proc.child.pid) return;
  try {
    process.kill(-proc.child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(proc.child.pid as number), "SIGKILL");
    } catch {
      // gone
    }
  }, 20_000);
  await proc.exited;
  clearTimeout(timer);
}

/** SIGKILLs every process of `proc`'s group whose command line runs `entry` (tsx and its node child). */
function killEntry(proc: Proc, entry: string): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" });
  const victims = table
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === proc.child.pid && m[3]!.includes(entry))
    .map((m) => Number(m[1]));
  for (const pid of victims) process.kill(pid, "SIGKILL");
  return victims;
}

async function waitReady(url: string, proc: Proc, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited early:\n${proc.output().slice(-3000)}`);
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/readyz did not answer:\n${proc.output().slice(-3000)}`);
}

/** A local Slack incoming-webhook receiver: answers `ok` like Slack and keeps every message. */
async function startSlackReceiver(): Promise<{
  url: string;
  messages: { path: string; text: string }[];
  server: Server;
}> {
  const messages: { path: string; text: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      try {
        messages.push({ path: req.url ?? "", text: JSON.stringify(JSON.parse(body)) });
      } catch {
        messages.push({ path: req.url ?? "", text: body });
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, messages, server };
}

interface Acked {
  users: { username: string; email: string }[];
  keys: string[];
  objects: { id: string; size: number; username: string }[];
  runs: { id: string; name: string; username: string; exitCode: number }[];
}

let postgres: PgDatabase;
let smtp: SmtpReceiver;
let slack: Awaited<ReturnType<typeof startSlackReceiver>>;
const procs: Proc[] = [];
const dirs: string[] = [];
let apis: { url: string; proc: Proc }[] = [];
let workers: Proc[] = [];
const queuePrefix = `fleet-${randomUUID()}`;
let publicUrl: string;

beforeAll(async () => {
  postgres = await createPgDatabase();

  smtp = await startSmtpReceiver();
  slack = await startSlackReceiver();
  const blobs = mkdtempSync(join(tmpdir(), "homebase-fleet-blobs-"));
  dirs.push(blobs);
  const ports = [await freePort(), await freePort()];
  // What a load balancer in front of both APIs would be: the origin users open.
  publicUrl = `http://localhost:${ports[0]}`;
  const shared = {
    DATABASE_URL: postgres.url,
    DATABASE_POOL_SIZE: "5",
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    SECRET_KEY: randomBytes(32).toString("hex"),
    BLOB_STORE_URL: `file://${blobs}`,
    PUBLIC_URL: publicUrl,
    SMTP_URL: smtp.url,
    SLACK_WEBHOOK_HOSTS: slack.url,
    NODE_ENV: "production",
  };
  const host = (i: number) => {
    const dir = mkdtempSync(join(tmpdir(), `homebase-fleet-host${i}-`));
    dirs.push(dir);
    return dir;
  };
  // Ten processes may start together; here four, and they migrate once under the advisory lock.
  apis = ports.map((port, i) => {
    const proc = npmRun(`api${i + 1}`, "start:api", { ...shared, PORT: String(port), DATA_DIR: host(i) });
    procs.push(proc);
    return { url: `http://localhost:${port}`, proc };
  });
  workers = [0, 1].map((i) => {
    const proc = npmRun(`worker${i + 1}`, "start:worker", { ...shared, PORT: String(ports[i]), DATA_DIR: host(i + 2) });
    procs.push(proc);
    return proc;
  });
  await Promise.all(apis.map((a) => waitReady(a.url, a.proc)));
}, 300_000);

afterAll(async () => {
  await Promise.all(procs.map(stopProc));
  await new Promise<void>((r) => slack?.server.close(() => r()));
  await smtp?.close();
  await deleteRedisKeys(REDIS_URL, queuePrefix).catch(() => {});
  await postgres?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("a fleet of two APIs and two workers on PostgreSQL", () => {
  it("loses nothing when an API process and a worker process are killed under load", async () => {
    const acked: Acked = { users: [], keys: [], objects: [], runs: [] };
    const serverErrors: string[] = [];
    let connectionErrors = 0;
    const started = Date.now();
    const deadline = started + LOAD_MS;

    /** One request to a random API. Undefined when the connection failed (the killed process). */
    async function call(path: string, init: { method?: string; body?: unknown; cookie?: string; key?: string }) {
      const api = apis[Math.floor(Math.random() * apis.length)]!;
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers["content-type"] = "application/json";
      if (init.cookie) {
        headers.cookie = init.cookie;
        headers.origin = publicUrl;
      }
      if (init.key) headers.authorization = `Bearer ${init.key}`;
      let res: Response;
      try {
        res = await fetch(`${api.url}/api/v1${path}`, {
          method: init.method ?? "GET",
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(20_000),
        });
      } catch {
        connectionErrors += 1;
        return undefined;
      }
      if (res.status >= 500) serverErrors.push(`${init.method ?? "GET"} ${path} → ${res.status} ${await res.text()}`);
      return res;
    }

    async function oneUser(n: number) {
      const username = `fleet${n}-${randomBytes(3).toString("hex")}`;
      const email = `${username}@example.org`;
      const signup = await call("/auth/signup", {
        method: "POST",
        body: { username, email, password: "correct horse battery staple" },
      });
      if (signup?.status !== 201) return;
      acked.users.push({ username, email });
      const cookie = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
      const slackSet = await call("/me/integrations/slack", {
        method: "PUT",
        cookie,
        body: { webhookUrl: `${slack.url}/hook/${username}` },
      });
      const alertsSet = await call("/me/alerts", {
        method: "PUT",
        cookie,
        body: { runFinished: { email: true, slack: true }, runCrashed: { email: true, slack: true } },
      });
      const created = await call("/me/api-keys", { method: "POST", cookie, body: { name: "fleet" } });
      if (created?.status !== 201) return;
      const { id: keyId, key } = (await created.json()) as { id: string; key: string };
      acked.keys.push(keyId);
      const alertsOn = slackSet?.status === 200 && alertsSet?.status === 200;
      for (let round = 0; round < 3 && Date.now() < deadline; round++) {
        const objects = Array.from({ length: 20 }, (_, i) => ({
          project: "fleet",
          kind: "artifact",
          path: `r${round}/o${i}-${randomBytes(4).toString("hex")}`,
          size: 1000 + Math.floor(Math.random() * 1_000_000),
          digest: randomBytes(32).toString("hex"),
        }));
        const batch = await call("/storage/objects/batch", { method: "POST", key, body: { objects } });
        if (batch?.status === 201) {
          const { ids } = (await batch.json()) as { ids: string[] };
          ids.forEach((id, i) => {
            acked.objects.push({ id, size: objects[i]!.size, username });
          });
        }
        const run = await call("/runs", {
          method: "POST",
          key,
          body: { project: "fleet", name: `${username}-r${round}` },
        });
        if (run?.status !== 201) continue;
        const { id, name } = (await run.json()) as { id: string; name: string };
        await call(`/runs/${id}/heartbeat`, { method: "POST", key });
        await call(`/runs/${id}/heartbeat`, { method: "POST", key });
        const exitCode = round % 2;
        const finished = await call(`/runs/${id}/finish`, { method: "POST", key, body: { exitCode } });
        if (finished?.status === 200 && alertsOn) acked.runs.push({ id, name, username, exitCode });
      }
    }

    // The kill: one API and one worker, midway; their launchers start them again after ~1 s.
    let killed: { api: number[]; worker: number[] } = { api: [], worker: [] };
    const killer = new Promise<void>((resolveKill) =>
      setTimeout(() => {
        killed = {
          api: killEntry(apis[0]!.proc, "apps/api/src/server.ts"),
          worker: killEntry(workers[0]!, "apps/worker/src/main.ts"),
        };
        resolveKill();
      }, KILL_AT_MS),
    );
    let n = 0;
    await Promise.all(
      Array.from({ length: USERS_IN_PARALLEL }, async () => {
        while (Date.now() < deadline) await oneUser(n++);
      }),
    );
    await killer;
    expect(killed.api.length, "the API process was found and killed").toBeGreaterThan(0);
    expect(killed.worker.length, "the worker process was found and killed").toBeGreaterThan(0);
    // Both killed processes are back (the launcher restarts them).
    await waitReady(apis[0]!.url, apis[0]!.proc, 60_000);

    console.log(
      `fleet: ${acked.users.length} sign-ups, ${acked.keys.length} keys, ${acked.objects.length} objects, ` +
        `${acked.runs.length} runs with alerts in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${connectionErrors} connection errors (the killed API)`,
    );
    expect(serverErrors, "no 5xx").toEqual([]);
    expect(acked.runs.length).toBeGreaterThan(10);

    const db = postgres.client;
    const ids = async (table: string, column: string, values: string[]) =>
      new Set(
        (await db.query(`select ${column} as v from ${table} where ${column} = any($1)`, [values])).rows.map(
          (r: { v: string }) => r.v,
        ),
      );
    // Every acknowledged write is in the database.
    const users = await ids(
      "users",
      "username",
      acked.users.map((u) => u.username),
    );
    expect(acked.users.filter((u) => !users.has(u.username))).toEqual([]);
    const keys = await ids("api_keys", "id", acked.keys);
    expect(acked.keys.filter((k) => !keys.has(k))).toEqual([]);
    const objects = await ids(
      "storage_objects",
      "id",
      acked.objects.map((o) => o.id),
    );
    expect(acked.objects.filter((o) => !objects.has(o.id))).toEqual([]);
    const runs = await db.query("select id, state from runs where id = any($1)", [acked.runs.map((r) => r.id)]);
    const stateOf = new Map(runs.rows.map((r: { id: string; state: string }) => [r.id, r.state]));
    expect(acked.runs.filter((r) => stateOf.get(r.id) !== (r.exitCode === 0 ? "finished" : "crashed"))).toEqual([]);

    // Every storage object counts once: each user's usage is the sum of their objects' sizes.
    const usage = async () =>
      (
        await db.query(
          `select u.username, coalesce(su.used_bytes, 0)::bigint as used,
                  (select coalesce(sum(o.size), 0) from storage_objects o where o.entity_id = u.id)::bigint as actual
             from users u left join storage_usage su on su.entity_id = u.id
            where u.username = any($1)`,
          [acked.users.map((x) => x.username)],
        )
      ).rows.filter((r: { used: string; actual: string }) => r.used !== r.actual);
    await eventually(usage, 60_000).toEqual([]);

    // Every alert was delivered, and no delivery is left pending (the killed worker's lease
    // runs out and the sweeper hands it to the other worker).
    const pending = async () =>
      Number((await db.query("select count(*)::int as n from deliveries where status <> 'sent'")).rows[0].n);
    await eventually(pending, 150_000).toBe(0);
    const slackFor = (run: { name: string }) => slack.messages.filter((m) => m.text.includes(run.name)).length;
    const mailFor = (run: { name: string }) => smtp.messages.filter((m) => m.subject.includes(run.name)).length;
    expect(
      acked.runs.filter((r) => slackFor(r) === 0).map((r) => r.name),
      "runs without a Slack alert",
    ).toEqual([]);
    expect(
      acked.runs.filter((r) => mailFor(r) === 0).map((r) => r.name),
      "runs without an e-mail alert",
    ).toEqual([]);
    const slackDuplicates = acked.runs.reduce((sum, r) => sum + Math.max(0, slackFor(r) - 1), 0);
    const mailDuplicates = acked.runs.reduce((sum, r) => sum + Math.max(0, mailFor(r) - 1), 0);
    console.log(
      `fleet: alerts delivered for all ${acked.runs.length} runs; duplicates after the kill: ` +
        `${slackDuplicates} Slack, ${mailDuplicates} e-mail (at most the deliveries in flight in the killed worker)`,
    );
    // A duplicate can only come from a delivery the killed worker had sent but not yet recorded.
    expect(slackDuplicates + mailDuplicates).toBeLessThanOrEqual(8);

    // No job left stuck: nothing active or waiting in any queue once the work is done. A job the
    // killed worker held goes back to the queue when its lock (60 s, apps/worker/src/queues)
    // runs out and the other worker's stalled check (every 30 s) finds it.
    const stuck = () =>
      ["notifications", "storage", "accounts", "maintenance"].flatMap((queue) => {
        const out = execFileSync(
          "redis-cli",
          [
            "-u",
            REDIS_URL,
            "eval",
            "return {redis.call('LLEN', KEYS[1]), redis.call('LLEN', KEYS[2])}",
            "2",
            `${queuePrefix}:${queue}:active`,
            `${queuePrefix}:${queue}:wait`,
          ],
          { encoding: "utf8" },
        );
        const [active, waiting] = out.trim().split(/\s+/).map(Number);
        return active || waiting ? [`${queue}: ${active} active, ${waiting} waiting`] : [];
      });
    await eventually(stuck, 120_000).toEqual([]);
  }, 420_000);
});
