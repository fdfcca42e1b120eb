import { randomUUID } from "node:crypto";
import { encryptSecret } from "@homebase/core";
import {
  type AlertPreferencesPatch,
  createRun,
  createTeam,
  createUser,
  type Db,
  ensureProject,
  findDelivery,
  saveSlackWebhook,
  tables,
  updateAlertPreferences,
} from "@homebase/db";
import { eq } from "drizzle-orm";

/** Test data built with the real query functions, the way the API builds it. */
export function fixtures(db: Db, encryptionKey: Buffer) {
  let counter = 0;
  const unique = (base: string) => `${base}${++counter}${randomUUID().slice(0, 4)}`;

  return {
    /** A user, optionally with a Slack webhook (encrypted as the API stores it) and alert preferences. */
    async user(options: { username?: string; slackUrl?: string; prefs?: AlertPreferencesPatch; now?: Date } = {}) {
      const now = options.now ?? new Date();
      const username = options.username ?? unique("user");
      const user = await createUser(db, { username, email: `${username}@example.com`, passwordHash: "not-a-hash" });
      if (options.slackUrl) {
        await saveSlackWebhook(db, {
          userId: user.id,
          webhookUrlEncrypted: encryptSecret(options.slackUrl, encryptionKey),
          now,
        });
      }
      if (options.prefs) await updateAlertPreferences(db, user.id, options.prefs, now);
      return user;
    },

    async team(creatorId: string, name = unique("team")) {
      return createTeam(db, { name, creatorId });
    },

    /** A running run of `userId` in `entityId` (the user's own entity by default). */
    async run(userId: string, options: { entityId?: string; project?: string; name?: string; now?: Date } = {}) {
      const entityId = options.entityId ?? userId;
      const project = await ensureProject(db, { entityId, name: options.project ?? "mnist", userId });
      return createRun(db, {
        entityId,
        projectId: project.id,
        name: options.name ?? unique("run-"),
        createdById: userId,
        serviceAccountId: null,
        now: options.now ?? new Date(),
      });
    },

    delivery: (id: string) => findDelivery(db, id),

    /** Every delivery with its notification, oldest first. */
    async deliveries() {
      const { deliveries, notifications } = tables(db);
      const rows = await db
        .select({ delivery: deliveries, notification: notifications })
        .from(deliveries)
        .innerJoin(notifications, eq(notifications.id, deliveries.notificationId));
      return rows.sort((a, b) => a.delivery.createdAt.getTime() - b.delivery.createdAt.getTime());
    },
  };
}
