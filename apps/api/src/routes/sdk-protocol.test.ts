import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crashStaleRuns, tables } from "@homebase/db";
import { asc, eq, isNotNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRows } from "../testing/rows";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

/*
 * The wandb SDK's protocol without the SDK (fast): each GraphQL operation and file_stream case
 * as wandb 0.30.0 sends them (documents copied from the SDK, WANDB-SDK.md). The suite that drives
 * Homebase with the real SDK is tooling/e2e/src/wandb-sdk.e2e.test.ts.
 */

const UPSERT_BUCKET = `mutation UpsertBucket ($id: String, $name: String, $project: String, $entity: String, $groupName: String, $description: String, $displayName: String, $notes: String, $commit: String, $config: JSONString, $host: String, $debug: Boolean, $program: String, $repo: String, $jobType: String, $state: String, $sweep: String, $tags: [String!], $summaryMetrics: JSONString) {
	upsertBucket(input: {id:$id,name:$name,groupName:$groupName,modelName:$project,entityName:$entity,description:$description,displayName:$displayName,notes:$notes,config:$config,commit:$commit,host:$host,debug:$debug,jobProgram:$program,jobRepo:$repo,jobType:$jobType,state:$state,sweep:$sweep,tags:$tags,summaryMetrics:$summaryMetrics}) {
		bucket { id name displayName description config sweepName project { id name entity { id name } } historyLineCount }
		inserted
	}
}`;
const NOTIFY = `mutation NotifyScriptableRunAlert ($entityName: String!, $projectName: String!, $runName: String!, $title: String!, $text: String!, $severity: AlertSeverity = INFO, $waitDuration: Duration) {
	notifyScriptableRunAlert(input: {entityName:$entityName,projectName:$projectName,runName:$runName,title:$title,text:$text,severity:$severity,waitDuration:$waitDuration}) { success }
}`;
const CREATE_RUN_FILES = `mutation CreateRunFiles ($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
	createRunFiles(input: {entityName:$entity,projectName:$project,runName:$run,files:$files}) { runID uploadHeaders files { name uploadUrl } }
}`;
const CORE_WEAVE = `query OrganizationCoreWeaveOrganizationID ($entityName: String!) {
	entity(name: $entityName) { organization { coreWeaveOrganizationId } }
}`;
const GET_VIEWER = `query GetViewer {
  viewer { ...UserFragment }
}
fragment ApiKeyFragment on ApiKey { id name description }
fragment UserFragment on User {
  id name username email admin flags entity deletedAt
  apiKeys { edges { node { ...ApiKeyFragment } } }
  teams { edges { node { name } } }
}`;

let t: TestApp;
let nowMs: number;
beforeEach(async () => {
  nowMs = Date.parse("2026-11-30T12:00:00Z");
  t = await createTestApp({
    clock: { now: () => new Date(nowMs) },
    config: { slackWebhookHosts: ["hooks.slack.com"], runFileMaxBytes: 1000 },
  });
});
afterEach(async () => {
  await t.close();
});

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`api:${key}`).toString("base64")}` });

async function userWithKey(username: string) {
  const user = await signUp(t, { username });
  const { key } = await (await call(t, "/api/v1/me/api-keys", { cookie: user.cookie, json: { name: "sdk" } })).json();
  return { ...user, key: key as string };
}

async function gql(key: string | null, query: string, variables: Record<string, unknown>, operationName: string) {
  const res = await call(t, "/graphql", {
    headers: { ...(key ? basic(key) : {}), "user-agent": "wandb-core" },
    json: { query, variables, operationName },
  });
  // biome-ignore lint/suspicious/noExplicitAny: asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

function upsert(key: string, variables: Record<string, unknown>) {
  return gql(key, UPSERT_BUCKET, { entity: null, ...variables }, "UpsertBucket");
}

function stream(key: string | null, path: string, body: unknown) {
  return call(t, `/files/${path}/file_stream`, {
    headers: { ...(key ? basic(key) : {}), "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    method: "POST",
  });
}

async function runPage(key: string, path: string) {
  const res = await call(t, `/api/v1/runs/${path}`, { headers: { authorization: `Bearer ${key}` } });
  // biome-ignore lint/suspicious/noExplicitAny: asserted field by field
  return { status: res.status, body: (await res.json()) as any };
}

/** Notifications' status and level, oldest first (of one kind, or all). */
async function notificationLevels(kind?: "scriptable") {
  const { notifications } = tables(t.db);
  return t.db
    .select({ status: notifications.status, level: notifications.level })
    .from(notifications)
    .where(kind ? eq(notifications.kind, kind) : undefined)
    .orderBy(asc(notifications.createdAt));
}

describe("UpsertBucket", () => {
  it("creates the run in the caller's default entity, then updates the same run on every later call", async () => {
    const ada = await userWithKey("ada");
    const first = await upsert(ada.key, {
      name: "a1b2c3d4",
      project: "mnist",
      displayName: "fancy-run-1",
      config: JSON.stringify({ lr: { value: 0.01 } }),
      host: "gpu-7",
      program: "train.py",
      tags: ["baseline"],
    });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const bucket = first.body.data.upsertBucket.bucket;
    expect(first.body.data.upsertBucket.inserted).toBe(true);
    expect(bucket).toMatchObject({
      name: "a1b2c3d4",
      displayName: "fancy-run-1",
      sweepName: null,
      historyLineCount: 0,
      project: { name: "mnist", entity: { name: "ada" } },
    });
    expect(JSON.parse(bucket.config)).toEqual({ lr: { value: 0.01 } });

    // The SDK sends it again with the entity set, the server id and more config.
    const second = await upsert(ada.key, {
      id: bucket.id,
      name: "a1b2c3d4",
      project: "mnist",
      entity: "ada",
      config: JSON.stringify({ lr: { value: 0.01 }, epochs: { value: 3 } }),
    });
    expect(second.body.data.upsertBucket.inserted).toBe(false);
    expect(second.body.data.upsertBucket.bucket.id).toBe(bucket.id);
    expect(second.body.data.upsertBucket.bucket.displayName).toBe("fancy-run-1");
    expect(await countRows(t.db, tables(t.db).runs)).toBe(1);

    const page = await runPage(ada.key, "ada/mnist/a1b2c3d4");
    expect(page.body).toMatchObject({
      runId: "a1b2c3d4",
      displayName: "fancy-run-1",
      state: "running",
      host: "gpu-7",
      program: "train.py",
      tags: ["baseline"],
      config: { epochs: { value: 3 } },
    });
  });

  it("invents a display name and a run ID when none is sent, and creates the project with the owner's default privacy", async () => {
    const ada = await userWithKey("ada");
    const res = await upsert(ada.key, { project: "fresh", displayName: null });
    const bucket = res.body.data.upsertBucket.bucket;
    expect(bucket.displayName).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect(bucket.name).toMatch(/^[a-z0-9]{8}$/);
    const { projects } = tables(t.db);
    expect(await t.db.select({ privacy: projects.privacy }).from(projects).where(eq(projects.name, "fresh"))).toEqual([
      { privacy: "private" },
    ]);
  });

  it("writes to an explicit team entity of the caller, and a service-account key to its team", async () => {
    const ada = await userWithKey("ada");
    await call(t, "/api/v1/teams", { cookie: ada.cookie, json: { name: "lab" } });
    const inTeam = await upsert(ada.key, { name: "teamrun1", project: "p", entity: "lab" });
    expect(inTeam.body.data.upsertBucket.bucket.project.entity.name).toBe("lab");

    const sa = await (
      await call(t, "/api/v1/teams/lab/service-accounts", { cookie: ada.cookie, json: { name: "ci" } })
    ).json();
    const saKey = (
      await (
        await call(t, `/api/v1/teams/lab/service-accounts/${sa.id}/api-keys`, {
          cookie: ada.cookie,
          json: { name: "k" },
        })
      ).json()
    ).key as string;
    const bySa = await upsert(saKey, { name: "sarun001", project: "p" });
    expect(bySa.body.errors).toBeUndefined();
    expect(bySa.body.data.upsertBucket.bucket.project.entity.name).toBe("lab");
  });

  it("refuses another user's entity, bad names and anonymous callers with GraphQL errors, never a 500", async () => {
    const ada = await userWithKey("ada");
    const eve = await userWithKey("eve");
    const foreign = await upsert(eve.key, { name: "x1", project: "p", entity: "ada" });
    expect(foreign.status).toBe(200);
    expect(foreign.body.errors[0].message).toMatch(/ada/);
    expect(foreign.body.data.upsertBucket).toBeNull();
    const badProject = await upsert(ada.key, { name: "x2", project: "no/slashes" });
    expect(badProject.body.errors[0].message).toMatch(/project name/);
    const badRun = await upsert(ada.key, { name: "a?b", project: "p" });
    expect(badRun.body.errors[0].message).toMatch(/run ID/);
    const badConfig = await upsert(ada.key, { name: "x3", project: "p", config: "[1,2" });
    expect(badConfig.body.errors[0].message).toMatch(/config/);
    const anonymous = await gql(null, UPSERT_BUCKET, { name: "x4", project: "p" }, "UpsertBucket");
    expect(anonymous.body.errors[0].message).toMatch(/API key/);
    expect(await countRows(t.db, tables(t.db).runs)).toBe(0);
  });
});

describe("the other queries the SDK sends", () => {
  it("answers OrganizationCoreWeaveOrganizationID with organization null", async () => {
    const ada = await userWithKey("ada");
    const res = await gql(ada.key, CORE_WEAVE, { entityName: "ada" }, "OrganizationCoreWeaveOrganizationID");
    expect(res.body).toEqual({ data: { entity: { organization: null } } });
  });

  it("answers the public API's GetViewer (operationName empty) with name and deletedAt", async () => {
    const ada = await userWithKey("ada");
    await call(t, "/api/v1/me", { cookie: ada.cookie, method: "PATCH", json: { name: "Ada Lovelace" } });
    const res = await gql(ada.key, GET_VIEWER, {}, "");
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.viewer).toMatchObject({
      name: "Ada Lovelace",
      username: "ada",
      entity: "ada",
      deletedAt: null,
      apiKeys: { edges: [{ node: { name: "sdk", description: null } }] },
    });
  });
});

describe("NotifyScriptableRunAlert", () => {
  it("sends the alert, throttles the same title within waitDuration (milliseconds) and sends it again after", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "alertrun", project: "p" });
    const vars = {
      entityName: "ada",
      projectName: "p",
      runName: "alertrun",
      title: "Loss spike",
      text: "loss 4.2 > 3",
      severity: "WARN",
      waitDuration: 120_000,
    };
    const first = await gql(ada.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    expect(first.body).toEqual({ data: { notifyScriptableRunAlert: { success: true } } });
    nowMs += 60_000;
    await gql(ada.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    nowMs += 61_000;
    await gql(ada.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    const statuses = await notificationLevels("scriptable");
    expect(statuses).toEqual([
      { status: "queued", level: "WARN" },
      { status: "throttled", level: "WARN" },
      { status: "queued", level: "WARN" },
    ]);
    const page = await runPage(ada.key, "ada/p/alertrun");
    expect(page.body.alerts.map((a: { status: string }) => a.status)).toEqual(["queued", "throttled", "queued"]);
  });

  it("defaults to INFO and 60 s, and is an error for a run the caller cannot write to", async () => {
    const ada = await userWithKey("ada");
    const eve = await userWithKey("eve");
    await upsert(ada.key, { name: "r1", project: "p" });
    const vars = { entityName: "ada", projectName: "p", runName: "r1", title: "T", text: "x" };
    await gql(ada.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    nowMs += 59_000;
    await gql(ada.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    expect(await notificationLevels()).toEqual([
      { status: "queued", level: "INFO" },
      { status: "throttled", level: "INFO" },
    ]);
    const foreign = await gql(eve.key, NOTIFY, vars, "NotifyScriptableRunAlert");
    expect(foreign.body.errors[0].message).toMatch(/ada/);
    const missing = await gql(ada.key, NOTIFY, { ...vars, runName: "nope" }, "NotifyScriptableRunAlert");
    expect(missing.body.errors[0].message).toMatch(/no run "nope"/);
    expect(await countRows(t.db, tables(t.db).notifications)).toBe(2);
  });
});

describe("CreateRunFiles and the upload PUT", () => {
  async function uploadUrls(key: string, files: string[]) {
    const res = await gql(
      key,
      CREATE_RUN_FILES,
      { entity: "ada", project: "p", run: "filerun", files },
      "CreateRunFiles",
    );
    return res.body;
  }

  function put(url: string, body: string | Uint8Array) {
    const u = new URL(url);
    return t.app.request(`${u.pathname}${u.search}`, { method: "PUT", body });
  }

  it("answers the same names in the same order with signed URLs that take the bytes without credentials", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "filerun", project: "p" });
    const body = await uploadUrls(ada.key, ["wandb-summary.json", "media/a.bin", "../escape", "output.log"]);
    expect(body.errors).toBeUndefined();
    const { runID, uploadHeaders, files } = body.data.createRunFiles;
    expect(runID).toBeTruthy();
    expect(uploadHeaders).toEqual([]);
    expect(files.map((f: { name: string }) => f.name)).toEqual([
      "wandb-summary.json",
      "media/a.bin",
      "../escape",
      "output.log",
    ]);
    expect(files[2].uploadUrl).toBeNull();

    expect((await put(files[1].uploadUrl, "x".repeat(300))).status).toBe(200);
    expect((await put(files[0].uploadUrl, '{"loss": 0.1}')).status).toBe(200);
    // A re-upload of the same path replaces the earlier file: one object per run and path.
    expect((await put(files[1].uploadUrl, "y".repeat(500))).status).toBe(200);
    const { storageObjects, storageUsage } = tables(t.db);
    const objects = await t.db
      .select({ kind: storageObjects.kind, path: storageObjects.path, size: storageObjects.size })
      .from(storageObjects)
      .orderBy(asc(storageObjects.path));
    expect(objects).toEqual([
      { kind: "run_file", path: "runs/filerun/media/a.bin", size: 500 },
      { kind: "run_file", path: "runs/filerun/wandb-summary.json", size: 13 },
    ]);
    const page = await runPage(ada.key, "ada/p/filerun");
    expect(page.body.files.map((f: { path: string; size: number }) => [f.path, f.size])).toEqual([
      ["media/a.bin", 500],
      ["wandb-summary.json", 13],
    ]);
    // The usage is recalculated within seconds (a debounced job), and marked stale for the sweeper.
    expect(await countRows(t.db, storageUsage, isNotNull(storageUsage.staleSince))).toBe(1);
    const jobs = await t.queues.queue("storage").getJobs(["delayed", "waiting"]);
    expect(jobs.map((j) => j.data.entityId)).toContain(ada.user.id);
    const dir = join(t.dataDir, "run-files", runID);
    expect(readdirSync(dir).filter((f) => !f.endsWith(".part"))).toHaveLength(2);
  });

  it("refuses a wrong or expired signature and a file over the limit with nothing written", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "filerun", project: "p" });
    const [file] = (await uploadUrls(ada.key, ["big.bin"])).data.createRunFiles.files;
    const url = new URL(file.uploadUrl);
    const tampered = new URL(url);
    tampered.searchParams.set("path", "other.bin");
    expect((await put(tampered.toString(), "x")).status).toBe(403);
    const forged = new URL(url);
    forged.searchParams.set("signature", "A".repeat(43));
    expect((await put(forged.toString(), "x")).status).toBe(403);
    expect((await put(url.toString(), "x".repeat(1001))).status).toBe(413);
    nowMs += 3601_000;
    const expired = await put(url.toString(), "x");
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired/);
    expect(await countRows(t.db, tables(t.db).storageObjects)).toBe(0);
    const dir = join(t.dataDir, "run-files");
    const left = existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).includes(".")) : [];
    expect(left).toEqual([]);
  });

  it("gives no upload URLs for a run of another user", async () => {
    const ada = await userWithKey("ada");
    const eve = await userWithKey("eve");
    await upsert(ada.key, { name: "filerun", project: "p" });
    const body = await uploadUrls(eve.key, ["x.txt"]);
    expect(body.data.createRunFiles).toBeNull();
    expect(body.errors[0].message).toMatch(/ada/);
  });
});

describe("file_stream", () => {
  it("takes heartbeats, history and summary, and finishes the run with exit code 0", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "s1", project: "p" });
    nowMs += 5_000;
    const history = {
      files: {
        "wandb-history.jsonl": { offset: 0, content: ['{"_step":0,"loss":1}', '{"_step":1,"loss":0.5}'] },
        "wandb-summary.json": { offset: 0, content: ['{"loss":0.5,"_step":1}'] },
        "output.log": { offset: 0, content: ["epoch 1\n"] },
      },
    };
    const res = await stream(ada.key, "ada/p/s1", history);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    let page = (await runPage(ada.key, "ada/p/s1")).body;
    expect(page).toMatchObject({ historyLineCount: 2, summary: { loss: 0.5 }, state: "running" });
    expect(page.lastHeartbeatAt).toBe(new Date(nowMs).toISOString());

    nowMs += 30_000;
    expect((await stream(ada.key, "ada/p/s1", {})).status).toBe(200);
    page = (await runPage(ada.key, "ada/p/s1")).body;
    expect(page.lastHeartbeatAt).toBe(new Date(nowMs).toISOString());
    expect(page.historyLineCount).toBe(2);

    expect((await stream(ada.key, "ada/p/s1", { complete: true, exitcode: 0 })).status).toBe(200);
    page = (await runPage(ada.key, "ada/p/s1")).body;
    expect(page).toMatchObject({ state: "finished", exitCode: 0, endedAt: new Date(nowMs).toISOString() });
    expect(page.alerts.map((a: { kind: string }) => a.kind)).toEqual(["run_finished"]);
    // A late request of a finished run is answered quietly and changes nothing.
    expect((await stream(ada.key, "ada/p/s1", { complete: true, exitcode: 3 })).status).toBe(200);
    expect((await runPage(ada.key, "ada/p/s1")).body).toMatchObject({ state: "finished", exitCode: 0 });
  });

  it("marks the run crashed with a non-zero exit code", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "s2", project: "p" });
    await stream(ada.key, "ada/p/s2", { complete: true, exitcode: 7 });
    const page = (await runPage(ada.key, "ada/p/s2")).body;
    expect(page).toMatchObject({ state: "crashed", exitCode: 7 });
    expect(page.alerts.map((a: { kind: string }) => a.kind)).toEqual(["run_crashed"]);
  });

  it("brings a run crashed for silence back to running, without a second crash alert, and finishes it normally", async () => {
    const ada = await userWithKey("ada");
    await upsert(ada.key, { name: "s3", project: "p" });
    nowMs += 400_000;
    const crashed = await crashStaleRuns(t.db, {
      now: new Date(nowMs),
      timeoutSeconds: 300,
      publicUrl: "http://localhost:3000",
    });
    expect(crashed.crashed).toBe(1);
    expect((await runPage(ada.key, "ada/p/s3")).body).toMatchObject({ state: "crashed", exitCode: null });
    await stream(ada.key, "ada/p/s3", {});
    expect((await runPage(ada.key, "ada/p/s3")).body).toMatchObject({ state: "running", endedAt: null });
    nowMs += 400_000;
    await crashStaleRuns(t.db, {
      now: new Date(nowMs),
      timeoutSeconds: 300,
      publicUrl: "http://localhost:3000",
    });
    await stream(ada.key, "ada/p/s3", { complete: true, exitcode: 0 });
    const page = (await runPage(ada.key, "ada/p/s3")).body;
    expect(page).toMatchObject({ state: "finished", exitCode: 0 });
    expect(page.alerts.map((a: { kind: string }) => a.kind)).toEqual(["run_crashed", "run_finished"]);
  });

  it("keeps the stream of the owner's run it has not seen yet, and refuses everyone else", async () => {
    const ada = await userWithKey("ada");
    const eve = await userWithKey("eve");
    expect((await stream(ada.key, "ada/p/unseen1", {})).status).toBe(200);
    expect((await runPage(ada.key, "ada/p/unseen1")).body.state).toBe("running");

    const foreign = await stream(eve.key, "ada/p/unseen1", { complete: true, exitcode: 0 });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await runPage(eve.key, "ada/p/unseen1")).status).toBe(404);
    expect((await stream(null, "ada/p/unseen1", {})).status).toBe(401);
    expect((await stream("hb_v1_notakey", "ada/p/unseen1", {})).status).toBe(401);
    expect((await stream(ada.key, "ada/p/unseen1", "{not json")).status).toBe(400);
    expect((await stream(ada.key, "ada/p/unseen1", { files: { "x.log": { offset: -1, content: [] } } })).status).toBe(
      400,
    );
    expect((await stream(ada.key, "ada/p/bad%3Fid", {})).status).toBe(404);
    expect((await runPage(ada.key, "ada/p/unseen1")).body.state).toBe("running");
  });

  it("answers the SDK's telemetry probe with a quiet 404", async () => {
    const res = await call(t, "/sdk/otel/v1/metrics", { method: "POST", body: "" });
    expect(res.status).toBe(404);
    expect(t.logs.join("")).not.toMatch(/otel/);
  });
});

describe("the run URL the SDK prints", () => {
  it("redirects W&B's BASE/entity/project/runs/ID to the run page, and leaves /api alone", async () => {
    const shellDir = mkdtempSync(join(tmpdir(), "shell-"));
    writeFileSync(join(shellDir, "index.html"), "<!doctype html><title>Homebase</title>");
    const withShell = await createTestApp({ config: { webDistDir: shellDir } });
    try {
      const res = await withShell.app.request("/ada/mnist/runs/a1b2c3d4");
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/runs/ada/mnist/a1b2c3d4");
      // An API path is the API's: no credentials, 401.
      expect((await withShell.app.request("/api/v1/runs/x")).status).toBe(401);
    } finally {
      await withShell.close();
      rmSync(shellDir, { recursive: true, force: true });
    }
  });
});
