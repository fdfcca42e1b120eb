import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Homebase, startHomebase } from "./harness";
import { type Account, eventually, newAccount } from "./section-helpers";
import { type SmtpReceiver, startSmtpReceiver } from "./smtp-receiver";
import {
  killStrays,
  newScratch,
  removeScratchDirs,
  runSdkScript,
  type SdkResult,
  startSdkScript,
  wandbLogin,
  wandbPython,
} from "./wandb-sdk";

/**
 * Homebase driven by the real wandb SDK (0.30.0), as its users run it: `wandb login`, a
 * training script with `wandb.init()` … `run.finish()`, scriptable alerts, run files, crashes.
 * The alerts travel through a real SMTP server and a local stand-in for Slack's webhooks.
 *
 * RUN_HEARTBEAT_TIMEOUT_S is short (5 s) so the watchdog test does not wait five minutes; the
 * scripts of the other tests keep streaming more often than that (WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL).
 */

const HEARTBEAT_TIMEOUT_S = 5;
const PROJECT = "sdk-e2e";

// --- a local Slack: records the JSON bodies POSTed to it ----------------------------------------

interface SlackPost {
  path: string;
  at: number;
  body: { text?: string; blocks?: unknown[] };
}

async function startSlackReceiver() {
  const received: SlackPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: SlackPost["body"] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        // recorded as an empty message
      }
      received.push({ path: req.url ?? "/", at: Date.now(), body });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    /** The texts (title lines) of the messages POSTed to one path. */
    texts: (path: string) => received.filter((m) => m.path === path).map((m) => m.body.text ?? ""),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

// --- REST helpers --------------------------------------------------------------------------------

interface User extends Account {
  cookie: string;
  key: string;
  entity: string;
  slackPath: string;
}

let homebase: Homebase;
let smtp: SmtpReceiver;
let slack: Awaited<ReturnType<typeof startSlackReceiver>>;
let python: string;
/** Output of the SDK processes of the current test, printed when it fails. */
let transcript: string[] = [];

interface CallOptions {
  method?: string;
  json?: unknown;
  cookie?: string;
  key?: string;
  basicKey?: string;
}

async function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers["content-type"] = "application/json";
  if (options.cookie) {
    headers.cookie = options.cookie;
    headers.origin = homebase.url;
  }
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.basicKey) headers.authorization = `Basic ${Buffer.from(`api:${options.basicKey}`).toString("base64")}`;
  const res = await fetch(`${homebase.url}${path}`, {
    method: options.method ?? (options.json === undefined ? "GET" : "POST"),
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, each checked by expect
  return { status: res.status, body: body as any, headers: res.headers, text };
}

async function expectStatus(what: string, res: { status: number; text: string }, status: number) {
  expect(res.status, `${what}: ${res.text.slice(0, 500)}`).toBe(status);
}

/** Signs up through the API, creates a full API key, and optionally connects Slack and turns on every run alert. */
async function newUser(prefix: string, options: { alerts?: boolean } = {}): Promise<User> {
  const account = newAccount(prefix);
  const signup = await fetch(`${homebase.url}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: homebase.url },
    body: JSON.stringify({ username: account.username, email: account.email, password: account.password }),
  });
  expect(signup.status, `signup: ${await signup.clone().text()}`).toBe(201);
  const cookie = signup.headers
    .getSetCookie()
    .map((c) => c.split(";", 1)[0])
    .join("; ");
  expect(cookie).not.toBe("");
  const created = await call("/api/v1/me/api-keys", { cookie, json: { name: "wandb sdk e2e" } });
  await expectStatus("POST /me/api-keys", created, 201);
  const key = created.body.key as string;
  expect(key).toMatch(/^hb_v1_/);
  const viewer = await call("/api/v1/viewer", { key });
  await expectStatus("GET /viewer", viewer, 200);
  const slackPath = `/hooks/${account.username}`;
  if (options.alerts) {
    const connected = await call("/api/v1/me/integrations/slack", {
      cookie,
      method: "PUT",
      json: { webhookUrl: `${slack.origin}${slackPath}` },
    });
    await expectStatus("PUT /me/integrations/slack", connected, 200);
    const on = { email: true, slack: true };
    const alerts = await call("/api/v1/me/alerts", {
      cookie,
      method: "PUT",
      json: { runFinished: on, runCrashed: on, scriptable: on },
    });
    await expectStatus("PUT /me/alerts", alerts, 200);
    expect(alerts.body).toMatchObject({ runFinished: on, runCrashed: on, scriptable: on });
  }
  return { ...account, cookie, key, entity: viewer.body.entity as string, slackPath };
}

/** The run as the run route shows it to its owner. */
async function getRun(user: User, entity: string, runId: string) {
  return call(`/api/v1/runs/${entity}/${PROJECT}/${runId}`, { key: user.key });
}

function mailsTo(user: User) {
  return smtp.messages.filter((m) => m.to.includes(user.email)).map((m) => m.subject);
}

// --- SDK helpers ---------------------------------------------------------------------------------

/** Lets the scripts stream often, so a normal run never looks silent to the 5 s watchdog. */
const STREAM_ENV = { WANDB_X_FILE_STREAM_TRANSMIT_INTERVAL: "1" };

function record(what: string, result: SdkResult) {
  transcript.push(
    `--- ${what}: exit ${result.code ?? result.signal}${result.timedOut ? " (timed out)" : ""} after ${result.durationMs} ms; ` +
      `the SDK's own logs are under ${result.scratch}/wandb-dir/wandb ---\n${result.output}`,
  );
}

async function runScript(what: string, user: User, script: string, timeoutMs = 120_000) {
  const result = await runSdkScript(python, script, {
    baseUrl: homebase.url,
    apiKey: user.key,
    env: STREAM_ENV,
    timeoutMs,
  });
  record(what, result);
  return result;
}

/** The `RUN entity project id name` line every script prints after wandb.init. */
const PRINT_RUN = `print(f"RUN {run.entity} {run.project} {run.id} {run.name}", flush=True)`;

function runLine(output: string) {
  const match = /^RUN (\S+) (\S+) (\S+) (\S+)$/m.exec(output);
  if (!match) throw new Error(`the script printed no RUN line:\n${output}`);
  const [, entity, project, runId, name] = match as unknown as [string, string, string, string, string];
  return { entity, project, runId, name };
}

function expectNoUploadErrors(output: string) {
  expect(output).not.toMatch(/Fatal error/i);
  expect(output).not.toMatch(/error[^\n]*upload|upload[^\n]*error/i);
  expect(output).not.toMatch(/CommError|Traceback/);
}

/** Documents exactly as wandb-core 0.30.0 sends them (see ../shared/WANDB-SDK.md). */
const SDK_DOCUMENTS = {
  UpsertBucket: `mutation UpsertBucket ($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {
	upsertBucket(input: {id:$id,name:$name,groupName:$groupName,modelName:$project,entityName:$entity,description:$description,displayName:$displayName,notes:$notes,config:$config,commit:$commit,host:$host,debug:$debug,jobProgram:$program,jobRepo:$repo,jobType:$jobType,state:$state,sweep:$sweep,tags:$tags,summaryMetrics:$summaryMetrics}) {
		bucket { id name displayName description config sweepName project { id name entity { id name } } historyLineCount }
		inserted
	}
}`,
  NotifyScriptableRunAlert: `mutation NotifyScriptableRunAlert ($entityName: String!, $projectName: String!, $runName: String!, $title: String!, $text: String!, $severity: AlertSeverity = INFO, $waitDuration: Duration) {
	notifyScriptableRunAlert(input: {entityName:$entityName,projectName:$projectName,runName:$runName,title:$title,text:$text,severity:$severity,waitDuration:$waitDuration}) { success }
}`,
  CreateRunFiles: `mutation CreateRunFiles ($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
	createRunFiles(input: {entityName:$entity,projectName:$project,runName:$run,files:$files}) { runID uploadHeaders files { name uploadUrl } }
}`,
};

// --- the suite -----------------------------------------------------------------------------------

let alice: User;

/** Why the suite could not be set up (no SDK, no Homebase): every test fails with it, none is skipped. */
let setupError: Error | undefined;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  slack = await startSlackReceiver();
  const [installed, started] = await Promise.allSettled([
    wandbPython(),
    startHomebase({
      env: {
        SMTP_URL: smtp.url,
        SLACK_WEBHOOK_HOSTS: `hooks.slack.com,${slack.origin}`,
        RUN_HEARTBEAT_TIMEOUT_S: String(HEARTBEAT_TIMEOUT_S),
        WATCHDOG_INTERVAL_MS: "1000",
      },
    }),
  ]);
  if (started.status === "fulfilled") homebase = started.value;
  if (installed.status === "fulfilled") python = installed.value;
  const problem = [installed, started].find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
  if (problem) {
    setupError = problem.reason instanceof Error ? problem.reason : new Error(String(problem.reason));
    console.error(`wandb SDK suite not set up: ${setupError.message}`);
    return;
  }
  alice = await newUser("sdk", { alerts: true });
}, 600_000);

/** Each test starts with this: a missing SDK fails the test with the install's own explanation. */
function ready() {
  if (setupError) throw setupError;
}

/** Set when a test failed: the scratch directories (the SDK's debug logs) are then kept. */
let keepScratch = false;

afterAll(async () => {
  killStrays();
  if (!keepScratch) removeScratchDirs();
  await homebase?.stop();
  await slack?.close();
  await smtp?.close();
});

afterEach((ctx) => {
  if (ctx.task.result?.state === "fail") {
    keepScratch = true;
    console.error(
      [
        `=== ${ctx.task.name}: SDK output ===`,
        ...transcript,
        "=== npm start output (last 150 lines) ===",
        homebase?.output().split("\n").slice(-150).join("\n"),
        `=== Slack posts: ${JSON.stringify(slack?.received.map((m) => `${m.path} ${m.body.text}`))}`,
        `=== e-mails: ${JSON.stringify(smtp?.messages.map((m) => `${m.to.join(",")} ${m.subject}`))}`,
      ].join("\n"),
    );
  }
  transcript = [];
  killStrays();
});

describe("the wandb SDK against Homebase", () => {
  it("logs in with `wandb login --host` and reads the viewer through wandb.Api()", async () => {
    ready();
    const bob = await newUser("sdkview");
    const team = `team-${randomBytes(3).toString("hex")}`;
    const created = await call("/api/v1/teams", { cookie: bob.cookie, json: { name: team } });
    await expectStatus("POST /teams", created, 201);
    const settings = await call("/api/v1/me/settings", { key: bob.key });
    await expectStatus("GET /me/settings", settings, 200);
    const defaultEntity = settings.body.defaultEntity as string;

    const login = await wandbLogin(python, { baseUrl: homebase.url, apiKey: bob.key });
    record("wandb login", login);
    expect(login.code, login.output).toBe(0);
    expect(login.output).not.toMatch(/error/i);
    // The key went where the SDK reads it back: ~/.netrc, for the host given.
    const netrc = readFileSync(join(login.home, ".netrc"), "utf8");
    expect(netrc).toContain(bob.key);
    expect(netrc).toMatch(/machine (localhost|127\.0\.0\.1)/);

    const viewer = await runSdkScript(
      python,
      [
        "import json, os, wandb",
        'api = wandb.Api(api_key=os.environ["HB_KEY"], overrides={"base_url": os.environ["HB_URL"]})',
        "v = api.viewer",
        'print("VIEWER " + json.dumps({"entity": v.entity, "username": v.username, "teams": v.teams}), flush=True)',
      ].join("\n"),
      { baseUrl: homebase.url, env: { HB_KEY: bob.key, HB_URL: homebase.url }, timeoutMs: 60_000 },
    );
    record("wandb.Api().viewer", viewer);
    expect(viewer.code, viewer.output).toBe(0);
    const line = /^VIEWER (.*)$/m.exec(viewer.stdout)?.[1];
    expect(line, viewer.output).toBeDefined();
    expect(JSON.parse(line ?? "{}")).toEqual({ entity: defaultEntity, username: bob.username, teams: [team] });

    // The login sticks: with neither WANDB_BASE_URL nor WANDB_API_KEY, the SDK finds Homebase and the key.
    const remembered = await runSdkScript(
      python,
      ["import wandb", 'print("USERNAME " + wandb.Api().viewer.username, flush=True)'].join("\n"),
      { baseUrl: homebase.url, home: login.home, fromLogin: true, timeoutMs: 60_000 },
    );
    record("wandb.Api() after login", remembered);
    expect(remembered.code, remembered.output).toBe(0);
    expect(remembered.stdout).toContain(`USERNAME ${bob.username}`);
    // With a single team, that team is the default entity (API.md).
    expect(defaultEntity).toBe(team);
  }, 120_000);

  it("runs a script that logs, saves a file, alerts and finishes: Slack, e-mail, the run and storage show it", async () => {
    ready();
    const size = 300 * 1024;
    const result = await runScript(
      "train.py",
      alice,
      `
import os, wandb
run = wandb.init(project="${PROJECT}", config={"lr": 0.001, "epochs": 5, "arch": "mlp"})
${PRINT_RUN}
losses = [2.5, 1.75, 1.25, 0.875, 0.5]
for step, loss in enumerate(losses):
    run.log({"loss": loss, "acc": step / 4})
with open("weights.bin", "wb") as f:
    f.write(os.urandom(${size}))
run.save("weights.bin", policy="now")
run.alert(title="Loss spike", text="loss jumped to 4.2 at step 3", level=wandb.AlertLevel.WARN)
print("DONE", flush=True)
run.finish()
`,
    );
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("DONE");
    expectNoUploadErrors(result.output);
    // The SDK's own end-of-run line: it synced files (0 would mean CreateRunFiles failed).
    expect(result.output).toMatch(/Synced [1-9]\d* W&B file/);
    const run = runLine(result.stdout);
    expect(run.entity).toBe(alice.entity);
    expect(run.project).toBe(PROJECT);

    // The run as its page shows it.
    await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 15_000).toBe("finished");
    const page = await getRun(alice, run.entity, run.runId);
    await expectStatus("GET run", page, 200);
    expect(page.body).toMatchObject({
      runId: run.runId,
      entity: run.entity,
      project: PROJECT,
      displayName: run.name,
      state: "finished",
      exitCode: 0,
    });
    expect(page.body.summary).toMatchObject({ loss: 0.5, acc: 1, _step: 4 });
    expect(page.body.historyLineCount).toBeGreaterThanOrEqual(5);
    expect(page.body.endedAt).toBeTruthy();
    const files = page.body.files as { path: string; size: number; digest: string }[];
    expect(files.find((f) => f.path === "weights.bin")).toMatchObject({ path: "weights.bin", size });
    const alerts = page.body.alerts as { kind: string; title: string; level: string; status: string }[];
    expect(alerts.filter((a) => a.title.includes("Loss spike"))).toEqual([
      expect.objectContaining({ kind: "scriptable", level: "WARN", status: "queued" }),
    ]);

    // The alert and the end of the run reach Slack and the inbox.
    const finishedTitle = `Run finished: ${run.entity}/${PROJECT}/${run.name}`;
    await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes("Loss spike")).length, 60_000).toBe(1);
    await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes(finishedTitle)).length, 60_000).toBe(
      1,
    );
    await eventually(() => mailsTo(alice).filter((s) => s.includes("Loss spike")).length, 60_000).toBe(1);
    await eventually(() => mailsTo(alice).filter((s) => s.includes(finishedTitle)).length, 60_000).toBe(1);
    expect(slack.texts(alice.slackPath).find((t) => t.includes("Loss spike"))).toContain("⚠️");

    // Storage counts the run's files within a few seconds, like any other report (not only when
    // the worker's sweeper finds the usage stale, 30 s or more later).
    let storage: Awaited<ReturnType<typeof call>> | undefined;
    try {
      await eventually(async () => {
        storage = await call("/api/v1/me/storage", { key: alice.key });
        return storage.body?.byKind?.run_file ?? 0;
      }, 15_000).toBeGreaterThanOrEqual(size);
    } catch (error) {
      (error as Error).message += `\nGET /api/v1/me/storage 15 s after the upload answered: ${storage?.text}`;
      throw error;
    }
  }, 180_000);

  it("sends one of two alerts with the same title inside wait_duration and throttles the other", async () => {
    ready();
    const title = `Throttle ${randomBytes(2).toString("hex")}`;
    const result = await runScript(
      "two alerts",
      alice,
      `
import datetime, wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 1.0})
run.alert(title="${title}", text="first", level=wandb.AlertLevel.INFO, wait_duration=300)
run.alert(title="${title}", text="second", level=wandb.AlertLevel.ERROR, wait_duration=datetime.timedelta(seconds=300))
run.finish()
`,
    );
    expect(result.code, result.output).toBe(0);
    expectNoUploadErrors(result.output);
    const run = runLine(result.stdout);

    await eventually(async () => {
      const page = await getRun(alice, run.entity, run.runId);
      return (page.body?.alerts ?? [])
        .filter((a: { title: string }) => a.title.includes(title))
        .map((a: { status: string }) => a.status)
        .sort();
    }, 15_000).toEqual(["queued", "throttled"]);

    // The run's "Run finished" goes out after both alerts were handled; then exactly one post for the title.
    const finishedTitle = `Run finished: ${run.entity}/${PROJECT}/${run.name}`;
    await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes(title)).length, 60_000).toBe(1);
    await eventually(() => slack.texts(alice.slackPath).some((t) => t.includes(finishedTitle)), 60_000).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    expect(slack.texts(alice.slackPath).filter((t) => t.includes(title))).toHaveLength(1);
    expect(mailsTo(alice).filter((s) => s.includes(title))).toHaveLength(1);
  }, 180_000);

  it("marks a run crashed with the exit code of an uncaught exception or sys.exit(7), and says so", async () => {
    ready();
    const [raised, exited] = await Promise.all([
      runScript(
        "raise",
        alice,
        `
import wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 3.0})
raise RuntimeError("simulated divergence")
`,
      ),
      runScript(
        "sys.exit(7)",
        alice,
        `
import sys, wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 3.0})
sys.exit(7)
`,
      ),
    ]);
    expect(raised.code, raised.output).toBe(1);
    expect(raised.stderr).toContain("RuntimeError: simulated divergence");
    expect(raised.output).not.toMatch(/Fatal error/i);
    expect(exited.code, exited.output).toBe(7);
    expect(exited.output).not.toMatch(/Fatal error/i);

    for (const [result, code] of [
      [raised, 1],
      [exited, 7],
    ] as const) {
      const run = runLine(result.stdout);
      await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 15_000).toBe("crashed");
      expect((await getRun(alice, run.entity, run.runId)).body).toMatchObject({ state: "crashed", exitCode: code });
      const crashedTitle = `Run crashed: ${run.entity}/${PROJECT}/${run.name}`;
      await eventually(() => mailsTo(alice).filter((s) => s.includes(crashedTitle)).length, 60_000).toBe(1);
      await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes(crashedTitle)).length, 60_000).toBe(
        1,
      );
      expect(mailsTo(alice).some((s) => s.includes(`Run finished: ${run.entity}/${PROJECT}/${run.name}`))).toBe(false);
    }
  }, 180_000);

  it("marks a run interrupted with Ctrl-C crashed with exit code 255", async () => {
    ready();
    const proc = startSdkScript(
      python,
      `
import time, wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 2.0})
print("READY", flush=True)
time.sleep(60)
`,
      { baseUrl: homebase.url, apiKey: alice.key, env: STREAM_ENV, timeoutMs: 120_000 },
    );
    await proc.waitForOutput(/^READY$/m, 60_000);
    // What a terminal's Ctrl-C does: SIGINT to the foreground process group (wandb-core, in its
    // own session, is left to finish the run as the SDK does).
    proc.signalGroup("SIGINT");
    const result = await proc.result;
    record("Ctrl-C", result);
    expect(result.timedOut, result.output).toBe(false);
    expect(result.output).toContain("KeyboardInterrupt");
    expect(result.output).not.toMatch(/Fatal error/i);
    const run = runLine(result.stdout);
    await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 15_000).toBe("crashed");
    expect((await getRun(alice, run.entity, run.runId)).body).toMatchObject({ state: "crashed", exitCode: 255 });
    const crashedTitle = `Run crashed: ${run.entity}/${PROJECT}/${run.name}`;
    await eventually(() => mailsTo(alice).filter((s) => s.includes(crashedTitle)).length, 60_000).toBe(1);
  }, 180_000);

  it("lets the watchdog mark a run crashed when its script is killed with SIGKILL", async () => {
    ready();
    const proc = startSdkScript(
      python,
      `
import os, signal, time, wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 0.5})
time.sleep(2)
print("KILLING", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
`,
      { baseUrl: homebase.url, apiKey: alice.key, env: STREAM_ENV, timeoutMs: 120_000 },
    );
    const result = await proc.result;
    record("SIGKILL", result);
    expect(result.signal, result.output).toBe("SIGKILL");
    expect(result.stdout).toContain("KILLING");
    const run = runLine(result.stdout);
    // The SDK's wandb-core service runs in a session of its own (start_new_session), so the
    // SIGKILL of the script's process group does not reach it. wandb 0.30.0's core watches its
    // parent (--pid) and exits a few seconds later without sending anything more; were it to
    // linger, its 30 s heartbeats would keep the run alive. A real SIGKILL usually takes the whole
    // job down anyway (OOM killer, preempted machine, `kill -9` of the job), so the service is
    // killed here too (by pid, recorded while the script ran): the stream falls silent at once.
    proc.kill("SIGKILL");

    const started = Date.now();
    await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 60_000).toBe("crashed");
    const page = (await getRun(alice, run.entity, run.runId)).body;
    expect(page.exitCode ?? null).toBeNull();
    // Within the heartbeat timeout, the watchdog's interval and some slack for a busy machine.
    expect(Date.now() - started).toBeLessThan((HEARTBEAT_TIMEOUT_S + 25) * 1000);
    const crashedTitle = `Run crashed: ${run.entity}/${PROJECT}/${run.name}`;
    await eventually(() => mailsTo(alice).filter((s) => s.includes(crashedTitle)).length, 60_000).toBe(1);
    await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes(crashedTitle)).length, 60_000).toBe(1);
  }, 180_000);

  it("brings a run the watchdog marked crashed back when it streams again, and finishes it", async () => {
    ready();
    const flag = join(newScratch().scratch, "resume");
    const proc = startSdkScript(
      python,
      `
import os, time, wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 1.0})
print("SILENT", flush=True)
# No output, no metrics: the stream goes quiet until the test says so.
deadline = time.time() + 90
while not os.path.exists(os.environ["HB_FLAG"]) and time.time() < deadline:
    time.sleep(0.2)
run.log({"loss": 0.5})
run.finish()
`,
      {
        baseUrl: homebase.url,
        apiKey: alice.key,
        // System metrics would stream every 15 s: off, so that only the watchdog speaks.
        env: { ...STREAM_ENV, WANDB_X_DISABLE_STATS: "true", HB_FLAG: flag },
        timeoutMs: 150_000,
      },
    );
    await proc.waitForOutput(/^SILENT$/m, 60_000);
    const run = runLine(proc.output());
    const crashedTitle = `Run crashed: ${run.entity}/${PROJECT}/${run.name}`;
    const finishedTitle = `Run finished: ${run.entity}/${PROJECT}/${run.name}`;
    try {
      await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 60_000).toBe("crashed");
      await eventually(() => mailsTo(alice).filter((s) => s.includes(crashedTitle)).length, 60_000).toBe(1);
    } finally {
      writeFileSync(flag, "go");
    }
    const result = await proc.result;
    record("silent, then back", result);
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/Fatal error/i);

    await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 15_000).toBe("finished");
    const page = (await getRun(alice, run.entity, run.runId)).body;
    expect(page).toMatchObject({ state: "finished", exitCode: 0 });
    expect(page.summary).toMatchObject({ loss: 0.5 });
    await eventually(() => mailsTo(alice).filter((s) => s.includes(finishedTitle)).length, 60_000).toBe(1);
    await eventually(() => slack.texts(alice.slackPath).filter((t) => t.includes(finishedTitle)).length, 60_000).toBe(
      1,
    );
    // The crash was told once, not again when the run came back or finished.
    expect(mailsTo(alice).filter((s) => s.includes(crashedTitle))).toHaveLength(1);
    expect(slack.texts(alice.slackPath).filter((t) => t.includes(crashedTitle))).toHaveLength(1);
  }, 240_000);

  it("refuses another user's key on a run it does not own: no stream, no upload, nothing changes", async () => {
    ready();
    const result = await runScript(
      "owner's run",
      alice,
      `
import wandb
run = wandb.init(project="${PROJECT}")
${PRINT_RUN}
run.log({"loss": 0.25})
run.finish()
`,
    );
    expect(result.code, result.output).toBe(0);
    const run = runLine(result.stdout);
    await eventually(async () => (await getRun(alice, run.entity, run.runId)).body?.state, 15_000).toBe("finished");
    const before = (await getRun(alice, run.entity, run.runId)).body;

    const mallory = await newUser("sdkother");
    const streamPath = `/files/${run.entity}/${PROJECT}/${run.runId}/file_stream`;
    const streamed = await call(streamPath, {
      basicKey: mallory.key,
      json: {
        files: {
          "wandb-history.jsonl": { offset: 1, content: ['{"loss": 99, "_step": 1}'] },
          "wandb-summary.json": { offset: 0, content: ['{"loss": 99}'] },
        },
        complete: true,
        exitcode: 3,
      },
    });
    await expectStatus("file_stream with another user's key", streamed, 404);
    const heartbeat = await call(streamPath, { basicKey: mallory.key, json: {} });
    await expectStatus("file_stream heartbeat with another user's key", heartbeat, 404);

    // The SDK's own documents (as wandb-core sends them), with Mallory's key on Alice's run.
    const graphql = (key: string, operationName: keyof typeof SDK_DOCUMENTS, variables: Record<string, unknown>) =>
      call("/graphql", { basicKey: key, json: { operationName, query: SDK_DOCUMENTS[operationName], variables } });
    const refused = (what: string, res: Awaited<ReturnType<typeof call>>, field: string) => {
      expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
      expect(res.body?.errors?.length ?? 0, `${what}: ${res.text}`).toBeGreaterThan(0);
      expect(res.body?.data?.[field] ?? null, `${what}: ${res.text}`).toBeNull();
    };
    const runFiles = {
      entity: run.entity,
      project: PROJECT,
      run: run.runId,
      files: ["weights.bin", "wandb-summary.json"],
    };
    const files = await graphql(mallory.key, "CreateRunFiles", runFiles);
    refused("CreateRunFiles with another user's key", files, "createRunFiles");
    expect(files.text).not.toMatch(/uploadUrl"\s*:\s*"/);
    const upsert = await graphql(mallory.key, "UpsertBucket", {
      name: run.runId,
      entity: run.entity,
      project: PROJECT,
      displayName: "hijacked",
      state: "running",
      summaryMetrics: JSON.stringify({ loss: 99 }),
    });
    refused("UpsertBucket into another user's entity", upsert, "upsertBucket");
    const alertTitle = `Hijack ${randomBytes(2).toString("hex")}`;
    const alert = await graphql(mallory.key, "NotifyScriptableRunAlert", {
      entityName: run.entity,
      projectName: PROJECT,
      runName: run.runId,
      title: alertTitle,
      text: "not yours",
      severity: "ERROR",
      waitDuration: 60_000,
    });
    expect(alert.status, alert.text).toBeLessThan(500);
    expect(alert.body?.data?.notifyScriptableRunAlert?.success ?? false, alert.text).toBe(false);

    // Mallory does not see the run; Alice sees it as it was, and was told nothing.
    await expectStatus("another user's GET of the run", await getRun(mallory, run.entity, run.runId), 404);
    const after = (await getRun(alice, run.entity, run.runId)).body;
    expect(after).toEqual(before);
    await new Promise((r) => setTimeout(r, 2000));
    expect(slack.texts(alice.slackPath).filter((t) => t.includes(alertTitle))).toEqual([]);
    expect(mailsTo(alice).filter((s) => s.includes(alertTitle))).toEqual([]);

    // The same document with the owner's key is answered: the refusals above were about the key.
    const own = await graphql(alice.key, "CreateRunFiles", runFiles);
    expect(own.body?.errors ?? [], own.text).toEqual([]);
    expect(own.body?.data?.createRunFiles?.files, own.text).toHaveLength(2);
  }, 180_000);
});
