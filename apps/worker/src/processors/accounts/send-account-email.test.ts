import { encryptSecret, newToken } from "@homebase/core";
import { createServiceAccount, createServiceAccountKey, createUserApiKey } from "@homebase/db";
import { enqueueAccountEmail } from "@homebase/jobs";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "../../testing/harness";

/** Account e-mails through the real worker and a real SMTP server: the link carries the opened token. */
const w = useWorkerHarness({ smtp: true, config: { publicUrl: "https://homebase.example.org" } });

describe("send-account-email", () => {
  it("sends the verification link with the token opened from its sealed form", async () => {
    const token = newToken();
    await enqueueAccountEmail(w.queues, {
      kind: "verify-email",
      to: "ada@example.com",
      username: "ada",
      sealedToken: encryptSecret(token, w.config.encryptionKey),
    });
    await expect
      .poll(() => w.smtp.messages.filter((m) => m.to.includes("ada@example.com")).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mail = w.smtp.messages.find((m) => m.to.includes("ada@example.com"))!.parsed;
    expect(mail.subject).toBe("Verify your email address for Homebase");
    expect(mail.text).toContain(`https://homebase.example.org/verify-email?token=${token}`);
    expect(mail.html).toContain(`href="https://homebase.example.org/verify-email?token=${token}"`);
  });

  it("sends notices without links, naming the new address when the address changes", async () => {
    await enqueueAccountEmail(w.queues, {
      kind: "email-changed",
      to: "old@example.com",
      username: "bob",
      newEmail: "new@example.com",
    });
    await expect
      .poll(() => w.smtp.messages.filter((m) => m.to.includes("old@example.com")).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const mail = w.smtp.messages.find((m) => m.to.includes("old@example.com"))!.parsed;
    expect(mail.subject).toMatch(/email address of your Homebase account is changing/);
    expect(mail.text).toContain("new@example.com");
    expect(mail.text).not.toContain("token=");
  });

  it("words key notices by the key's owner: personal keys link to API keys, a service account's to its team's page", async () => {
    const admin = await w.data.user({ username: "keyadmin" });
    const team = await w.data.team(admin.id, "lab");
    const account = await createServiceAccount(w.db, { teamId: team.id, name: "trainer", createdById: admin.id });
    const now = new Date();
    await createServiceAccountKey(w.db, {
      id: "SSSSSSSSSSSS",
      name: "sa-key",
      secretDigest: "s",
      serviceAccountId: account.id,
      now,
    });
    await createUserApiKey(w.db, { id: "UUUUUUUUUUUU", name: "laptop", secretDigest: "u", now, userId: admin.id });
    await enqueueAccountEmail(w.queues, {
      kind: "api-key-revoked",
      to: admin.email,
      username: admin.username,
      keyId: "SSSSSSSSSSSS",
      keyName: "sa-key",
      foundAt: "https://github.com/lab/x/blob/main/.env",
    });
    await enqueueAccountEmail(w.queues, {
      kind: "api-key-new-address",
      to: admin.email,
      username: admin.username,
      keyId: "UUUUUUUUUUUU",
      keyName: "laptop",
      address: "203.0.113.9",
    });
    const mails = () => w.smtp.messages.filter((m) => m.to.includes(admin.email)).map((m) => m.parsed);
    await expect.poll(() => mails().length, { timeout: 10_000 }).toBe(2);
    const revoked = mails().find((m) => m.subject?.includes("leaked"))!;
    expect(revoked.subject).toBe(
      'The API key "sa-key" of service account "trainer" (team lab) was revoked because it leaked',
    );
    expect(revoked.text).toContain("Create a new key on the team's page (Teams → lab → Service accounts)");
    expect(revoked.text).toContain("https://homebase.example.org/teams/lab?tab=service-accounts");
    expect(revoked.text).not.toContain("/settings/");
    const used = mails().find((m) => m.subject?.includes("new address"))!;
    expect(used.subject).toBe('Your API key "laptop" was used from a new address');
    expect(used.text).toContain("API keys: https://homebase.example.org/settings/api-keys");
    expect(used.html).toContain('href="https://homebase.example.org/settings/api-keys"');
    expect(used.text).not.toContain("/settings/account");
  });
});
