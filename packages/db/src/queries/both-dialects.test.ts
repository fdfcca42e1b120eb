import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { getSlackIntegration, saveSlackWebhook } from "./alerts";
import { claimExpiryEmails, recordKeyAddress, revokeApiKeys, rotateApiKey } from "./api-key-lifecycle";
import {
  createServiceAccount,
  createServiceAccountKey,
  createUserApiKey,
  findApiKeyForAuth,
  listServiceAccountsWithKeys,
  listUserApiKeys,
  touchApiKey,
} from "./api-keys";
import { claimIdempotencyKey, completeIdempotentRequest, purgeExpiredIdempotencyKeys } from "./idempotency";
import { consumeOauthState, saveOauthState } from "./integrations";
import { listDeliveryLog } from "./notifications";
import { ensureProject } from "./projects";
import { listRunAlerts, listRunFiles, recordRunFile } from "./run-files";
import {
  crashStaleRuns,
  createScriptableAlert,
  findRun,
  finishRun,
  reportRun,
  reportRunningRunByPath,
  upsertRun,
} from "./runs";
import { getEntityStorage } from "./storage";
import { listTeamsForAdmin } from "./team-deletion";
import { setTeamMemberRole } from "./team-roles";
import { addTeamMember, createTeam, listUserTeams, removeTeamMember } from "./teams";
import { createUser } from "./users";

/*
 * The query paths the apps' suites exercise on SQLite, run here on both dialects: prepared
 * statements, ON CONFLICT upserts, returning-based counts, FOR UPDATE [SKIP LOCKED] claims and
 * the raw expressions (CASE, coalesce, count) that must mean the same on both.
 */

let t: TestDatabase;
const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 12, 0, s));
const day = 24 * 3600_000;

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function ada() {
    return createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
  }

  it("runs: upsert, stream reports (the larger history count wins), finish, watchdog, throttled alerts", async () => {
    const user = await ada();
    const project = await ensureProject(t.db, { entityId: user.id, name: "p", userId: user.id });
    const base = { entityId: user.id, projectId: project.id, createdById: user.id, serviceAccountId: null };
    const first = await upsertRun(t.db, { ...base, runId: "abc", now: at(0) });
    expect(first.inserted).toBe(true);
    const again = await upsertRun(t.db, { ...base, runId: "abc", fields: { notes: "n" }, now: at(1) });
    expect(again).toMatchObject({ inserted: false, run: { id: first.run.id, notes: "n", name: first.run.name } });
    expect((await upsertRun(t.db, { ...base, runId: "abc", now: at(1) })).run.id).toBe(first.run.id);

    const path = { entityId: user.id, project: "p", runId: "abc" };
    expect(await reportRunningRunByPath(t.db, { ...path, now: at(5), historyLineCount: 10 })).toEqual({
      id: first.run.id,
    });
    expect(
      await reportRun(t.db, { id: first.run.id, now: at(6), historyLineCount: 4, summaryMetrics: '{"a":1}' }),
    ).toBe("running");
    const crashed = await crashStaleRuns(t.db, { now: at(400), timeoutSeconds: 300, publicUrl: "http://x" });
    expect(crashed.crashed).toBe(1);
    // A report revives a run crashed for silence; the count never goes down.
    expect(await reportRun(t.db, { id: first.run.id, now: at(401), historyLineCount: 3 })).toBe("running");
    expect((await findRun(t.db, first.run.id))?.run).toMatchObject({
      historyLineCount: 10,
      summaryMetrics: '{"a":1}',
      lastHeartbeatAt: at(401),
    });
    const alert = { runId: first.run.id, title: "loss", text: "t", level: "WARN" as const, publicUrl: "http://x" };
    expect((await createScriptableAlert(t.db, { ...alert, now: at(402) }))?.status).toBe("queued");
    expect((await createScriptableAlert(t.db, { ...alert, now: at(403) }))?.status).toBe("throttled");
    const finished = await finishRun(t.db, { id: first.run.id, exitCode: 0, now: at(410), publicUrl: "http://x" });
    expect(finished).toMatchObject({ ended: true, state: "finished" });
    expect(await reportRun(t.db, { id: first.run.id, now: at(411) })).toBe("ended");
    expect(await reportRun(t.db, { id: "missing", now: at(411) })).toBeUndefined();
    const alerts = await listRunAlerts(t.db, first.run.id);
    expect(alerts.map((a) => a.kind)).toEqual(["run_crashed", "scriptable", "scriptable", "run_finished"]);
    const log = await listDeliveryLog(t.db, { userId: user.id, limit: 10 });
    expect(log.filter((i) => i.status === "throttled")).toHaveLength(1);

    const entityId = await recordRunFile(t.db, {
      runId: first.run.id,
      path: "f.txt",
      size: 5,
      digest: "d1",
      now: at(420),
    });
    await recordRunFile(t.db, { runId: first.run.id, path: "f.txt", size: 7, digest: "d2", now: at(421) });
    expect(entityId).toBe(user.id);
    expect(await listRunFiles(t.db, first.run.id)).toEqual([
      { path: "f.txt", size: 7, digest: "d2", updatedAt: at(421) },
    ]);
    expect(
      (await getEntityStorage(t.db, { entityId: user.id, defaultQuotaBytes: 100, historyDays: 1, now: at(421) })).stale,
    ).toBe(true);
  });

  it("api keys: auth lookup, touch, rotation, revocation, addresses, expiry e-mails claimed once", async () => {
    const user = await ada();
    const team = await createTeam(t.db, { name: "lab", creatorId: user.id });
    await createUserApiKey(t.db, { id: "K1", name: "laptop", secretDigest: "d", now: at(0), userId: user.id });
    expect(await findApiKeyForAuth(t.db, "K1")).toMatchObject({ kind: "user", user: { username: "ada" } });
    expect(await touchApiKey(t.db, { id: "K1", now: at(1), minIntervalMs: 60_000 })).toBe(true);
    expect(await touchApiKey(t.db, { id: "K1", now: at(2), minIntervalMs: 60_000 })).toBe(false);
    expect((await listUserApiKeys(t.db, { userId: user.id, q: "LAP" })).map((k) => k.id)).toEqual(["K1"]);
    expect(await listUserApiKeys(t.db, { userId: user.id, q: "%" })).toEqual([]);

    const rotated = await rotateApiKey(t.db, {
      id: "K1",
      owner: { userId: user.id },
      newKey: { id: "K2", secretDigest: "d2" },
      now: at(3),
      maxLifetimeDays: null,
    });
    expect(rotated).toMatchObject({ id: "K2", name: "laptop" });
    expect(
      await rotateApiKey(t.db, {
        id: "K1",
        owner: { userId: user.id },
        newKey: { id: "K3", secretDigest: "x" },
        maxLifetimeDays: null,
        now: at(4),
      }),
    ).toBeUndefined();

    const account = await createServiceAccount(t.db, { teamId: team.id, name: "ci", createdById: user.id });
    await createServiceAccountKey(t.db, {
      id: "S1",
      name: "ci",
      secretDigest: "s",
      serviceAccountId: account.id,
      now: at(5),
      expiresAt: new Date(at(5).getTime() + 3 * day),
    });
    expect(await findApiKeyForAuth(t.db, "S1")).toMatchObject({ kind: "service-account", team: { name: "lab" } });
    expect((await listServiceAccountsWithKeys(t.db, team.id))[0]?.apiKeys.map((k) => k.id)).toEqual(["S1"]);

    const claims = await Promise.all([
      claimExpiryEmails(t.db, { now: at(6) }),
      claimExpiryEmails(t.db, { now: at(6) }),
    ]);
    expect(claims.flat().map((c) => [c.kind, c.keyId])).toEqual([["reminder", "S1"]]);
    expect(claims.flat()[0]?.recipients).toEqual([{ email: "ada@example.com", username: "ada" }]);

    expect(await recordKeyAddress(t.db, { keyId: "K2", address: "1.2.3.4", userAgent: null, now: at(7) })).toBe("new");
    expect(await recordKeyAddress(t.db, { keyId: "K2", address: "1.2.3.4", userAgent: null, now: at(8) })).toBe(
      "skipped",
    );
    const revoked = await revokeApiKeys(t.db, { ids: ["K2", "S1", "nope"], reason: "leaked", now: at(9) });
    expect(revoked.map((k) => k.id).sort()).toEqual(["K2", "S1"]);
    expect(await revokeApiKeys(t.db, { ids: ["K2"], reason: "leaked", now: at(10) })).toEqual([]);
  });

  it("teams: roles and the last admin, admin listing counts, Slack upsert", async () => {
    const user = await ada();
    await createUser(t.db, { username: "bob", email: "bob@example.com", passwordHash: "x" });
    const team = await createTeam(t.db, { name: "lab", creatorId: user.id });
    await addTeamMember(t.db, { teamId: team.id, username: "bob", role: "member" });
    await expect(addTeamMember(t.db, { teamId: team.id, username: "bob", role: "member" })).rejects.toThrow(
      "already a member",
    );
    await expect(createTeam(t.db, { name: "LAB", creatorId: user.id })).rejects.toThrow("already taken");
    await expect(setTeamMemberRole(t.db, { teamId: team.id, userId: user.id, role: "member" })).rejects.toThrow(
      "at least one admin",
    );
    await expect(removeTeamMember(t.db, { teamId: team.id, userId: user.id })).rejects.toThrow("last admin");
    expect((await listUserTeams(t.db, user.id)).map((x) => x.name)).toEqual(["lab"]);
    expect(await listTeamsForAdmin(t.db)).toEqual([
      { id: team.id, name: "lab", displayName: "lab", membersCount: 2, usedBytes: 0 },
    ]);
    await saveSlackWebhook(t.db, { userId: user.id, webhookUrlEncrypted: "a", now: at(0) });
    await saveSlackWebhook(t.db, { userId: user.id, webhookUrlEncrypted: "b", now: at(1) });
    expect(await getSlackIntegration(t.db, user.id)).toMatchObject({ webhookUrlEncrypted: "b", createdAt: at(1) });
  });

  it("idempotency keys and OAuth states are single-use under concurrency", async () => {
    const user = await ada();
    const claim = { callerId: user.id, key: "k", requestHash: "h", now: at(0) };
    const states = (await Promise.all([1, 2, 3].map(() => claimIdempotencyKey(t.db, claim)))).map((c) => c.state);
    expect(states.sort()).toEqual(["in-progress", "in-progress", "new"]);
    await completeIdempotentRequest(t.db, { callerId: user.id, key: "k", status: 201, body: "{}", contentType: null });
    expect(await claimIdempotencyKey(t.db, claim)).toEqual({
      state: "done",
      status: 201,
      body: "{}",
      contentType: null,
    });
    expect(await claimIdempotencyKey(t.db, { ...claim, requestHash: "other" })).toEqual({ state: "mismatch" });
    expect(await purgeExpiredIdempotencyKeys(t.db, new Date(at(0).getTime() + 2 * day))).toBe(1);

    const state = { stateHash: "s", sessionTokenHash: "t", userId: user.id, expiresAt: at(60), now: at(0) };
    await saveOauthState(t.db, state);
    const uses = await Promise.all([1, 2].map(() => consumeOauthState(t.db, { ...state, now: at(1) })));
    expect(uses.filter((u) => u.ok)).toHaveLength(1);
  });
});
