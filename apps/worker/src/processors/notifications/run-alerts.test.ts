import { createScriptableAlert, finishRun } from "@homebase/db";
import { createTestDb, type TestDb } from "@homebase/db/testing";
import { createQueues, enqueueDeliveries, type Queues } from "@homebase/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerConfig } from "../../config";
import { createLogger } from "../../logger";
import { testWorkerConfig } from "../../testing/config";
import { fixtures } from "../../testing/fixtures";
import { createTestRedis, type TestRedis } from "../../testing/redis";
import { type SlackReceiver, startSlackReceiver } from "../../testing/slack-receiver";
import { startSmtpServer, type TestSmtpServer } from "../../testing/smtp";
import { createWorkerRuntime, type WorkerRuntime } from "../../worker";

/**
 * Run alerts end to end through the real worker: a run ends (the API's query), its deliveries
 * are enqueued as the API enqueues them, and a real SMTP server and a real HTTP receiver
 * standing in for Slack get exactly one message each.
 */

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let testDb: TestDb;
let redis: TestRedis;
let smtp: TestSmtpServer;
let slack: SlackReceiver;
let config: WorkerConfig;
let runtime: WorkerRuntime;
let queues: Queues;
let f: ReturnType<typeof fixtures>;

beforeAll(async () => {
  testDb = createTestDb();
  redis = await createTestRedis(REDIS_URL);
  [smtp, slack] = await Promise.all([startSmtpServer(), startSlackReceiver()]);
  config = testWorkerConfig({ dataDir: testDb.dir, smtpUrl: smtp.url, publicUrl: "https://wandb.example.org" });
  runtime = createWorkerRuntime({
    db: testDb.db,
    connection: redis.connection,
    prefix: redis.prefix,
    logger: createLogger("silent"),
    config,
  });
  await runtime.ready;
  queues = createQueues({ connection: redis.connection, prefix: redis.prefix });
  f = fixtures(testDb.db, config.encryptionKey);
});

afterAll(async () => {
  await queues?.close();
  await runtime?.close();
  await redis?.cleanup();
  await Promise.all([smtp?.close(), slack?.close()]);
  testDb?.cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the API's finish route does: end the run, then enqueue the committed deliveries. */
async function finish(runId: string, exitCode: number) {
  const result = await finishRun(testDb.db, { id: runId, exitCode, now: new Date(), publicUrl: config.publicUrl });
  if (result.ended) await enqueueDeliveries(queues, result.deliveryIds, config.deliveryRetryBaseMs);
  return result;
}

async function allSent(ids: string[]) {
  await expect
    .poll(async () => Promise.all(ids.map(async (id) => (await f.delivery(id))?.status)), { timeout: 15_000 })
    .toEqual(ids.map(() => "sent"));
}

const slackOn = { runFinished: { email: true, slack: true }, runCrashed: { email: true, slack: true } };

describe("run finished and run crashed alerts", () => {
  for (const { exitCode, subject, emoji, state } of [
    { exitCode: 0, subject: "Run finished", emoji: "ℹ️", state: "finished" },
    { exitCode: 1, subject: "Run crashed", emoji: "🚨", state: "crashed" },
  ]) {
    it(`exit code ${exitCode}: one e-mail and one Slack message, and a repeated finish sends nothing more`, async () => {
      const path = `/hooks/exit-${exitCode}`;
      const user = await f.user({ username: `ada${exitCode}`, slackUrl: slack.url(path), prefs: slackOn });
      const run = await f.run(user.id, { project: "mnist", name: `bold-river-${exitCode}` });
      const result = await finish(run.id, exitCode);
      expect(result).toMatchObject({ ended: true, state });
      const ids = result.ended ? result.deliveryIds : [];
      expect(ids).toHaveLength(2);
      await allSent(ids);

      const runPath = `ada${exitCode}/mnist/bold-river-${exitCode}`;
      const runUrl = `https://wandb.example.org/ada${exitCode}/mnist/runs/${run.id}`;
      const rows = f.deliveries().filter((d) => ids.includes(d.delivery.id));
      const emailId = rows.find((d) => d.delivery.channel === "email")!.delivery.id;
      const slackId = rows.find((d) => d.delivery.channel === "slack")!.delivery.id;

      // E-mail: subject naming the run and the event, Message-ID from the delivery, both parts.
      const mails = smtp.messages.filter((m) => m.to.includes(user.email));
      expect(mails).toHaveLength(1);
      const mail = mails[0]!.parsed;
      expect(mail.subject).toBe(`${subject}: ${runPath}`);
      expect(mail.messageId).toBe(`<${emailId}@homebase>`);
      expect(mail.from?.text).toBe('"Homebase" <no-reply@homebase.local>');
      expect(mail.text).toContain(`${subject}: ${runPath}`);
      expect(mail.text).toContain(runUrl);
      expect(mail.html).toContain(`href="${runUrl}"`);
      expect(mail.html).toContain(emoji);
      if (exitCode !== 0) expect(mail.text).toContain("it exited with code 1");

      // Slack: Block Kit with the level's emoji, the text, a button to the run, the delivery id.
      const posts = slack.on(path);
      expect(posts).toHaveLength(1);
      const { body } = posts[0]!;
      expect(posts[0]!.deliveryId).toBe(slackId);
      expect(body.text).toBe(`${emoji} ${subject}: ${runPath}`);
      expect(body.blocks).toEqual([
        { type: "header", text: { type: "plain_text", text: `${emoji} ${subject}: ${runPath}`, emoji: true } },
        { type: "section", text: { type: "mrkdwn", text: expect.stringContaining(runPath) } },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              text: { type: "plain_text", text: "Open run" },
              url: runUrl,
              action_id: "open",
              ...(exitCode !== 0 ? { style: "danger" } : {}),
            },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: expect.stringContaining(slackId) }] },
      ]);

      // The API answers 409 to a repeated finish: the query ends nothing and records nothing.
      expect(await finish(run.id, exitCode)).toEqual({ ended: false });
      expect(await finish(run.id, 0)).toEqual({ ended: false });
      await sleep(1000);
      expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
      expect(slack.on(path)).toHaveLength(1);
      expect(f.deliveries().filter((d) => d.notification.runId === run.id)).toHaveLength(2);
    });
  }

  it("a team run alerts the member who started it, named by the team's entity", async () => {
    const user = await f.user({ username: "grace" });
    const team = await f.team(user.id, "vision-lab");
    const run = await f.run(user.id, { entityId: team.id, project: "resnet", name: "calm-lake-3" });
    const result = await finish(run.id, 0);
    const ids = result.ended ? result.deliveryIds : [];
    expect(ids).toHaveLength(1); // e-mail only: Slack is not connected
    await allSent(ids);
    const mail = smtp.messages.find((m) => m.to.includes(user.email))!.parsed;
    expect(mail.subject).toBe("Run finished: vision-lab/resnet/calm-lake-3");
  });

  it("switched-off channels get nothing", async () => {
    const user = await f.user({
      slackUrl: slack.url("/hooks/off"),
      prefs: { runFinished: { email: false, slack: false } },
    });
    const run = await f.run(user.id);
    expect(await finish(run.id, 0)).toEqual({ ended: true, state: "finished", deliveryIds: [] });
  });
});

describe("scriptable alerts", () => {
  it("carry their level to Slack and escape Slack's control characters", async () => {
    const user = await f.user({
      slackUrl: slack.url("/hooks/scriptable"),
      prefs: { scriptable: { email: false, slack: true } },
    });
    const run = await f.run(user.id);
    const alert = await createScriptableAlert(testDb.db, {
      runId: run.id,
      title: "Accuracy < 0.5",
      text: "val_acc=0.41 <@channel> & falling",
      level: "WARN",
      now: new Date(),
      publicUrl: config.publicUrl,
    });
    await enqueueDeliveries(queues, alert!.deliveryIds, config.deliveryRetryBaseMs);
    await allSent(alert!.deliveryIds);
    const { body } = slack.on("/hooks/scriptable")[0]!;
    expect(body.text).toBe("⚠️ Accuracy &lt; 0.5");
    expect(body.blocks![1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "val_acc=0.41 &lt;@channel&gt; &amp; falling" },
    });
  });
});
