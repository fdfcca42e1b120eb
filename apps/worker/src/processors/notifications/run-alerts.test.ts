import { createScriptableAlert, finishRun } from "@homebase/db";
import { enqueueDeliveries } from "@homebase/jobs";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

/**
 * Run alerts end to end through the real worker: a run ends (the API's query), its deliveries
 * are enqueued as the API enqueues them, and a real SMTP server and a real HTTP receiver
 * standing in for Slack get exactly one message each.
 */

const w = useWorkerHarness({ smtp: true, slack: true, config: { publicUrl: "https://wandb.example.org" } });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the API's finish route does: end the run, then enqueue the committed deliveries. */
async function finish(runId: string, exitCode: number) {
  const result = await finishRun(w.db, { id: runId, exitCode, now: new Date(), publicUrl: w.config.publicUrl });
  if (result.ended) await enqueueDeliveries(w.queues, result.deliveryIds);
  return result;
}

async function allSent(ids: string[]) {
  await expect
    .poll(async () => Promise.all(ids.map(async (id) => (await w.data.delivery(id))?.status)), { timeout: 15_000 })
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
      const user = await w.data.user({ username: `ada${exitCode}`, slackUrl: w.slack.url(path), prefs: slackOn });
      const run = await w.data.run(user.id, { project: "mnist", name: `bold-river-${exitCode}` });
      const result = await finish(run.id, exitCode);
      expect(result).toMatchObject({ ended: true, state });
      const ids = result.ended ? result.deliveryIds : [];
      expect(ids).toHaveLength(2);
      await allSent(ids);

      const runPath = `ada${exitCode}/mnist/bold-river-${exitCode}`;
      const runUrl = `https://wandb.example.org/runs/ada${exitCode}/mnist/${run.runId}`;
      const rows = (await w.data.deliveries()).filter((d) => ids.includes(d.delivery.id));
      const emailId = rows.find((d) => d.delivery.channel === "email")!.delivery.id;
      const slackId = rows.find((d) => d.delivery.channel === "slack")!.delivery.id;

      // E-mail: subject naming the run and the event, Message-ID from the delivery, both parts.
      const mails = w.smtp.messages.filter((m) => m.to.includes(user.email));
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
      const posts = w.slack.on(path);
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
      expect(w.smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
      expect(w.slack.on(path)).toHaveLength(1);
      expect((await w.data.deliveries()).filter((d) => d.notification.runId === run.id)).toHaveLength(2);
    });
  }

  it("a team run alerts the member who started it, named by the team's entity", async () => {
    const user = await w.data.user({ username: "grace" });
    const team = await w.data.team(user.id, "vision-lab");
    const run = await w.data.run(user.id, { entityId: team.id, project: "resnet", name: "calm-lake-3" });
    const result = await finish(run.id, 0);
    const ids = result.ended ? result.deliveryIds : [];
    expect(ids).toHaveLength(1); // e-mail only: Slack is not connected
    await allSent(ids);
    const mail = w.smtp.messages.find((m) => m.to.includes(user.email))!.parsed;
    expect(mail.subject).toBe("Run finished: vision-lab/resnet/calm-lake-3");
  });

  it("switched-off channels get nothing", async () => {
    const user = await w.data.user({
      slackUrl: w.slack.url("/hooks/off"),
      prefs: { runFinished: { email: false, slack: false } },
    });
    const run = await w.data.run(user.id);
    expect(await finish(run.id, 0)).toEqual({ ended: true, state: "finished", deliveryIds: [] });
  });
});

describe("scriptable alerts", () => {
  it("carry their level to Slack and escape Slack's control characters", async () => {
    const user = await w.data.user({
      slackUrl: w.slack.url("/hooks/scriptable"),
      prefs: { scriptable: { email: false, slack: true } },
    });
    const run = await w.data.run(user.id);
    const alert = await createScriptableAlert(w.db, {
      runId: run.id,
      title: "Accuracy < 0.5",
      text: "val_acc=0.41 <@channel> & falling",
      level: "WARN",
      now: new Date(),
      publicUrl: w.config.publicUrl,
    });
    await enqueueDeliveries(w.queues, alert!.deliveryIds);
    await allSent(alert!.deliveryIds);
    const { body } = w.slack.on("/hooks/scriptable")[0]!;
    expect(body.text).toBe("⚠️ Accuracy &lt; 0.5");
    expect(body.blocks![1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "val_acc=0.41 &lt;@channel&gt; &amp; falling" },
    });
  });
});
