import { encryptSecret, newToken } from "@homebase/core";
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
});
