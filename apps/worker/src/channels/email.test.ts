import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryFailure } from "../retry";
import { startSmtpServer, type TestSmtpServer } from "../testing/smtp";
import { createEmailChannel, type OutgoingEmail } from "./email";

let smtp: TestSmtpServer;
const dir = mkdtempSync(join(tmpdir(), "homebase-email-"));

beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
});

const FROM = "Homebase <alerts@homebase.test>";

function email(to: string): OutgoingEmail {
  return {
    deliveryId: randomUUID(),
    to,
    subject: "Run crashed: ada/mnist/bold-river-7",
    text: "Your run ada/mnist/bold-river-7 crashed: it exited with code 1.",
    html: "<p>Your run <b>ada/mnist/bold-river-7</b> crashed.</p>",
  };
}

async function failure(promise: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryFailure);
  return error as DeliveryFailure;
}

describe("e-mail over SMTP", () => {
  const channel = () => createEmailChannel({ smtpUrl: smtp.url, from: FROM, outboxDir: dir, timeoutMs: 5000 });

  it("sends a message with the Message-ID of the delivery, both parts, From and To", async () => {
    const message = email("ada@example.com");
    await channel().send(message);
    const got = smtp.messages.find((m) => m.parsed.messageId === `<${message.deliveryId}@homebase>`);
    expect(got).toBeDefined();
    expect(got!.to).toEqual(["ada@example.com"]);
    expect(got!.parsed.subject).toBe(message.subject);
    expect(got!.parsed.from?.text).toBe('"Homebase" <alerts@homebase.test>');
    expect(got!.parsed.text?.trim()).toBe(message.text);
    expect(got!.parsed.html).toContain("<b>ada/mnist/bold-river-7</b>");
    expect(got!.parsed.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("fails for good on a 5xx answer, and retries a 4xx answer", async () => {
    smtp.reject("gone@example.com", { code: 550, message: "5.1.1 No such mailbox" });
    const permanent = await failure(channel().send(email("gone@example.com")));
    expect(permanent.permanent).toBe(true);
    expect(permanent.message).toMatch(/550 5\.1\.1 No such mailbox/);

    smtp.reject("busy@example.com", { code: 451, message: "4.3.0 Try again later" });
    const transient = await failure(channel().send(email("busy@example.com")));
    expect(transient.permanent).toBe(false);
    expect(transient.message).toMatch(/451/);
  });

  it("retries when the server cannot be reached, without leaking the SMTP password", async () => {
    const closed = await startSmtpServer();
    const url = closed.url.replace("smtp://", "smtp://mailer:s3cret-pass@");
    await closed.close();
    const down = createEmailChannel({ smtpUrl: url, from: FROM, outboxDir: dir, timeoutMs: 2000 });
    const transient = await failure(down.send(email("ada@example.com")));
    expect(transient.permanent).toBe(false);
    expect(transient.message).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    expect(transient.message).not.toContain("s3cret-pass");
  });
});

describe("e-mail without SMTP_URL", () => {
  it("writes a real .eml file named by the delivery id to the outbox, and a repeat replaces it", async () => {
    const outbox = join(dir, "outbox");
    const channel = createEmailChannel({ smtpUrl: undefined, from: FROM, outboxDir: outbox, timeoutMs: 5000 });
    const message = email("ada@example.com");
    await channel.send(message);
    await channel.send(message);
    expect(readdirSync(outbox)).toEqual([`${message.deliveryId}.eml`]);
    const raw = readFileSync(join(outbox, `${message.deliveryId}.eml`));
    expect(raw.toString("latin1")).toContain("\r\n");
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(`<${message.deliveryId}@homebase>`);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "").toBe("ada@example.com");
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain("crashed");
  });

  it("refuses a delivery id that is not a plain id as a file name", async () => {
    const channel = createEmailChannel({ smtpUrl: undefined, from: FROM, outboxDir: dir, timeoutMs: 5000 });
    const bad = await failure(channel.send({ ...email("ada@example.com"), deliveryId: "../../etc/passwd" }));
    expect(bad.permanent).toBe(true);
  });
});
