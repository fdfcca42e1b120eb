import { eq } from "drizzle-orm";
import type { Db } from "../client";
import * as s from "../schema";

/** Instants with milliseconds, as the app writes them. */
const t = (iso: string) => new Date(iso);

/**
 * Fills a migrated SQLite database with a small but realistic installation: rows in every
 * Homebase table (written through the SQLite Drizzle tables), with dates, booleans, JSON text,
 * nullable columns both null and set, unicode text and integers past 2^31 (byte counts, a
 * storage object id of 3 000 000 000). One storage object is deleted afterwards, so SQLite's
 * AUTOINCREMENT high-water mark (3 000 000 002) is above the highest remaining id.
 */
export function seedEveryTable(db: Db): void {
  db.insert(s.users)
    .values([
      {
        id: "u-ada",
        username: "ada",
        email: "ada@example.org",
        emailVerified: true,
        name: "Ada Lovelace-Brontë 🧮",
        institution: "Analytical Engines Ltd",
        bio: "Mathématicienne; 数学者",
        location: "Zürich",
        websiteUrl: "https://ada.example.org",
        avatarKey: "avatars/0f3c.png",
        introMarkdown: "# Hi\n\n**bold** and `code` — ✓",
        passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
        isAdmin: true,
        createdAt: t("2024-01-02T03:04:05.678Z"),
        deletedAt: null,
      },
      {
        id: "u-bob",
        username: "bob",
        email: "bob@example.org",
        passwordHash: "$argon2id$v=19$bob",
        createdAt: t("2024-02-03T04:05:06.789Z"),
        deletedAt: t("2025-06-01T00:00:00.001Z"),
      },
    ])
    .run();
  db.insert(s.entities)
    .values([
      { id: "u-ada", name: "ada", kind: "user", createdAt: t("2024-01-02T03:04:05.678Z") },
      { id: "u-bob", name: "bob", kind: "user", createdAt: t("2024-02-03T04:05:06.789Z") },
      { id: "team-ml", name: "ml-research", kind: "team", createdAt: t("2024-03-01T10:00:00.000Z") },
      {
        id: "team-old",
        name: "old-team",
        kind: "team",
        createdAt: t("2023-01-01T00:00:00.000Z"),
        deletedAt: t("2024-12-31T23:59:59.999Z"),
      },
    ])
    .run();
  db.insert(s.teams)
    .values([
      {
        id: "team-ml",
        displayName: "ML Research — Équipe",
        allowedEmailDomain: "example.org",
        createdAt: t("2024-03-01T10:00:00.000Z"),
      },
      { id: "team-old", displayName: "Old", allowedEmailDomain: null, createdAt: t("2023-01-01T00:00:00.000Z") },
    ])
    .run();
  db.insert(s.teamMembers)
    .values([
      { teamId: "team-ml", userId: "u-ada", role: "admin", createdAt: t("2024-03-01T10:00:00.000Z") },
      { teamId: "team-ml", userId: "u-bob", role: "member", createdAt: t("2024-03-02T10:00:00.000Z") },
    ])
    .run();
  db.insert(s.serviceAccounts)
    .values([
      {
        id: "sa-ci",
        teamId: "team-ml",
        name: "ci-bot",
        createdById: "u-ada",
        createdAt: t("2024-04-01T00:00:00.000Z"),
      },
      {
        id: "sa-orphan",
        teamId: "team-ml",
        name: "legacy",
        createdById: null,
        createdAt: t("2024-04-02T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.apiKeys)
    .values([
      {
        id: "key-ada-1",
        name: "laptop ✈",
        userId: "u-ada",
        secretDigest: "a".repeat(64),
        createdAt: t("2024-05-01T00:00:00.000Z"),
        lastUsedAt: t("2025-01-01T12:00:00.123Z"),
        scope: "read",
        expiresAt: t("2026-05-01T00:00:00.000Z"),
        expiryReminderSentAt: t("2026-04-24T00:00:00.000Z"),
      },
      {
        id: "key-ada-2",
        name: "rotated",
        userId: "u-ada",
        secretDigest: "b".repeat(64),
        createdAt: t("2024-05-02T00:00:00.000Z"),
        revokedAt: t("2024-06-01T00:00:00.000Z"),
        revokedReason: "rotated",
        expiryNoticeSentAt: t("2024-06-01T00:00:00.500Z"),
      },
      {
        id: "key-sa",
        name: "ci",
        serviceAccountId: "sa-ci",
        secretDigest: "c".repeat(64),
        createdAt: t("2024-05-03T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.apiKeyAddresses)
    .values([
      {
        keyId: "key-ada-1",
        address: "2001:db8::1",
        userAgent: "wandb/0.19.1 python/3.12",
        firstUsedAt: t("2024-05-01T00:00:00.000Z"),
        lastUsedAt: t("2025-01-01T12:00:00.123Z"),
      },
      {
        keyId: "key-ada-1",
        address: "192.0.2.7",
        userAgent: null,
        firstUsedAt: t("2024-05-02T00:00:00.000Z"),
        lastUsedAt: t("2024-05-02T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.userBetaFeatures)
    .values([
      { userId: "u-ada", key: "run-tables-v2", enabled: true, updatedAt: t("2024-07-01T00:00:00.000Z") },
      { userId: "u-ada", key: "dark-mode", enabled: false, updatedAt: t("2024-07-02T00:00:00.000Z") },
    ])
    .run();
  db.insert(s.alertSettings)
    .values([
      { userId: "u-ada", runFinishedSlack: true, storageEmail: false, updatedAt: t("2024-08-01T00:00:00.000Z") },
      { userId: "u-bob", updatedAt: null },
    ])
    .run();
  db.insert(s.slackIntegrations)
    .values({ userId: "u-ada", webhookUrlEncrypted: "v1:iv:ct:tag", createdAt: t("2024-08-02T00:00:00.000Z") })
    .run();
  db.insert(s.githubConnections)
    .values({
      userId: "u-ada",
      login: "ada-l",
      githubId: 2_712_345_678,
      avatarUrl: null,
      scopes: "read:user,repo",
      tokenEncrypted: "v1:gh",
      connectedAt: t("2024-08-03T00:00:00.000Z"),
    })
    .run();
  db.insert(s.oauthStates)
    .values({
      stateHash: "d".repeat(64),
      sessionTokenHash: "e".repeat(64),
      userId: "u-ada",
      provider: "github",
      expiresAt: t("2025-01-01T00:10:00.000Z"),
    })
    .run();
  db.insert(s.projects)
    .values([
      {
        id: "p-mnist",
        entityId: "team-ml",
        name: "mnist",
        privacy: "public",
        codeSaving: true,
        createdById: "u-ada",
        createdAt: t("2024-09-01T00:00:00.000Z"),
      },
      {
        id: "p-scratch",
        entityId: "u-bob",
        name: "scratch-実験",
        privacy: "private",
        codeSaving: false,
        createdById: null,
        createdAt: t("2024-09-02T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.runs)
    .values([
      {
        id: "r-1",
        entityId: "team-ml",
        projectId: "p-mnist",
        runId: "a1b2c3d4",
        name: "fancy-run-1",
        state: "finished",
        createdById: "u-ada",
        serviceAccountId: "sa-ci",
        exitCode: 0,
        createdAt: t("2024-10-01T00:00:00.000Z"),
        lastHeartbeatAt: t("2024-10-01T01:00:00.000Z"),
        endedAt: t("2024-10-01T01:00:00.250Z"),
        notes: "lr sweep — ünïcödé",
        host: "gpu-01",
        program: "train.py",
        groupName: "sweep-7",
        jobType: "train",
        commit: "0123456789abcdef",
        tags: JSON.stringify(["baseline", "🚀"]),
        config: JSON.stringify({ lr: 0.001, layers: [64, 32], nested: { dropout: null } }),
        summaryMetrics: JSON.stringify({ acc: 0.98, loss: 1e-7 }),
        historyLineCount: 3_000_000_000,
      },
      {
        id: "r-2",
        entityId: "u-bob",
        projectId: "p-scratch",
        runId: "zzzz9999",
        name: "crashed",
        state: "crashed",
        createdById: null,
        serviceAccountId: null,
        exitCode: -9,
        createdAt: t("2024-10-02T00:00:00.000Z"),
        lastHeartbeatAt: t("2024-10-02T00:05:00.000Z"),
      },
    ])
    .run();
  db.insert(s.storageObjects)
    .values([
      {
        id: 1,
        entityId: "team-ml",
        projectId: "p-mnist",
        kind: "artifact",
        path: "model.ckpt",
        size: 5_368_709_120,
        digest: "f".repeat(64),
        createdAt: t("2024-10-01T00:30:00.000Z"),
      },
      {
        id: 3_000_000_000,
        entityId: "team-ml",
        projectId: "p-mnist",
        kind: "run_file",
        path: "r-1/output.log",
        size: 12_345,
        digest: "1".repeat(64),
        createdAt: t("2024-10-01T01:00:00.000Z"),
      },
      {
        id: 3_000_000_001,
        entityId: "u-bob",
        projectId: "p-scratch",
        kind: "media",
        path: "img/ñ.png",
        size: 0,
        digest: "2".repeat(64),
        createdAt: t("2024-10-02T00:00:00.000Z"),
      },
      {
        id: 3_000_000_002,
        entityId: "u-bob",
        projectId: "p-scratch",
        kind: "other",
        path: "deleted-later",
        size: 1,
        digest: "3".repeat(64),
        createdAt: t("2024-10-02T00:00:00.000Z"),
      },
    ])
    .run();
  db.delete(s.storageObjects).where(eq(s.storageObjects.id, 3_000_000_002)).run();
  db.insert(s.runFiles)
    .values([
      {
        runId: "r-1",
        path: "output.log",
        size: 12_345,
        digest: "1".repeat(64),
        storageObjectId: 3_000_000_000,
        updatedAt: t("2024-10-01T01:00:00.000Z"),
      },
      {
        runId: "r-1",
        path: "weights/huge.bin",
        size: 4_294_967_296,
        digest: "4".repeat(64),
        storageObjectId: null,
        updatedAt: t("2024-10-01T01:00:01.000Z"),
      },
    ])
    .run();
  db.insert(s.storageUsage)
    .values([
      {
        entityId: "team-ml",
        usedBytes: 5_368_721_465,
        artifactBytes: 5_368_709_120,
        runFileBytes: 12_345,
        byProject: JSON.stringify([{ projectId: "p-mnist", bytes: 5_368_721_465 }]),
        computedAt: t("2024-10-01T02:00:00.000Z"),
        level: "ok",
        notifiedLevel: "ok",
        staleSince: null,
      },
      {
        entityId: "u-bob",
        usedBytes: 98_000_000_000,
        otherBytes: 98_000_000_000,
        level: "danger",
        notifiedLevel: "warning",
        staleSince: t("2024-10-02T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.entityQuotas).values({ entityId: "team-ml", quotaBytes: 1_000_000_000_000 }).run();
  db.insert(s.storageHistory)
    .values([
      { entityId: "team-ml", hour: t("2024-10-01T01:00:00.000Z"), usedBytes: 5_368_709_120 },
      { entityId: "team-ml", hour: t("2024-10-01T02:00:00.000Z"), usedBytes: 5_368_721_465 },
      { entityId: "u-bob", hour: t("2024-10-01T02:00:00.000Z"), usedBytes: 98_000_000_000 },
    ])
    .run();
  db.insert(s.notifications)
    .values([
      {
        id: "n-1",
        userId: "u-ada",
        kind: "run_finished",
        idempotencyKey: "run_finished:r-1",
        title: "Run fancy-run-1 finished",
        text: "Exit code 0 ✓",
        level: "INFO",
        runId: "r-1",
        url: "https://homebase.example.org/ml-research/mnist/runs/a1b2c3d4",
        status: "queued",
        createdAt: t("2024-10-01T01:00:01.000Z"),
      },
      {
        id: "n-2",
        userId: "u-ada",
        kind: "storage",
        idempotencyKey: "storage:u-bob:danger",
        title: "Storage at 95 %",
        text: "98 GB of 100 GB",
        level: "WARN",
        runId: null,
        url: null,
        status: "throttled",
        createdAt: t("2024-10-02T00:00:01.000Z"),
      },
    ])
    .run();
  db.insert(s.deliveries)
    .values([
      {
        id: "d-1",
        notificationId: "n-1",
        userId: "u-ada",
        channel: "email",
        status: "sent",
        attempts: 1,
        createdAt: t("2024-10-01T01:00:01.000Z"),
        dueAt: t("2024-10-01T01:00:01.000Z"),
        sentAt: t("2024-10-01T01:00:02.000Z"),
      },
      {
        id: "d-2",
        notificationId: "n-1",
        userId: "u-ada",
        channel: "slack",
        status: "failed",
        attempts: 5,
        lastError: 'Slack answered 404 "no_service"',
        createdAt: t("2024-10-01T01:00:01.000Z"),
        dueAt: t("2024-10-01T02:00:00.000Z"),
        sentAt: null,
      },
    ])
    .run();
  db.insert(s.orgSettings)
    .values({
      id: 1,
      allowPublicProjects: true,
      allowCodeSaving: false,
      maxApiKeyLifetimeDays: 365,
      updatedAt: t("2024-11-01T00:00:00.000Z"),
    })
    .run();
  db.insert(s.sessions)
    .values([
      {
        tokenHash: "9".repeat(64),
        id: "sess-1",
        userId: "u-ada",
        createdAt: t("2024-12-01T00:00:00.000Z"),
        lastSeenAt: t("2024-12-01T01:00:00.000Z"),
        expiresAt: t("2024-12-15T01:00:00.000Z"),
        userAgent: "Mozilla/5.0 (X11; Linux x86_64)",
        address: "198.51.100.4",
      },
      {
        tokenHash: "8".repeat(64),
        id: "sess-2",
        userId: "u-bob",
        createdAt: t("2024-12-02T00:00:00.000Z"),
        lastSeenAt: t("2024-12-02T00:00:00.000Z"),
        expiresAt: t("2024-12-16T00:00:00.000Z"),
      },
    ])
    .run();
  db.insert(s.userSettings)
    .values([
      {
        userId: "u-ada",
        defaultEntityId: "team-ml",
        defaultProjectPrivacy: "public",
        codeSavingEnabled: true,
        hideTeamsInProfile: false,
        updatedAt: t("2024-12-03T00:00:00.000Z"),
      },
      { userId: "u-bob", defaultEntityId: null },
    ])
    .run();
  db.insert(s.userTokens)
    .values([
      {
        tokenHash: "7".repeat(64),
        userId: "u-ada",
        purpose: "verify_email",
        email: "ada+new@example.org",
        createdAt: t("2024-12-04T00:00:00.000Z"),
        expiresAt: t("2024-12-05T00:00:00.000Z"),
        usedAt: t("2024-12-04T00:01:00.000Z"),
      },
      {
        tokenHash: "6".repeat(64),
        userId: "u-bob",
        purpose: "reset_password",
        email: "bob@example.org",
        createdAt: t("2024-12-04T00:00:00.000Z"),
        expiresAt: t("2024-12-04T01:00:00.000Z"),
        usedAt: null,
      },
    ])
    .run();
  db.insert(s.idempotencyKeys)
    .values([
      {
        callerId: "u-ada",
        key: "6f1c-…-retry",
        requestHash: "5".repeat(64),
        status: 201,
        responseBody: JSON.stringify({ id: "key-ada-1", name: "laptop ✈" }),
        contentType: "application/json",
        createdAt: t("2024-12-05T00:00:00.000Z"),
      },
      {
        callerId: "sa-ci",
        key: "in-flight",
        requestHash: "4".repeat(64),
        status: null,
        responseBody: null,
        contentType: null,
        createdAt: t("2024-12-05T00:00:01.000Z"),
      },
    ])
    .run();
  db.insert(s.accountPurges)
    .values([
      {
        userId: "u-gone",
        requestedAt: t("2024-12-06T00:00:00.000Z"),
        completedAt: null,
        githubTokenEncrypted: "v1:gone",
        avatarKey: "avatars/gone.png",
      },
      {
        userId: "u-done",
        requestedAt: t("2024-11-06T00:00:00.000Z"),
        completedAt: t("2024-11-06T00:05:00.000Z"),
        claimedBy: "job-1",
        claimedUntil: t("2024-11-06T00:05:30.000Z"),
      },
    ])
    .run();
  db.insert(s.teamPurges)
    .values([{ teamId: "team-old", requestedAt: t("2024-12-31T23:59:59.999Z") }])
    .run();
}
