import { describe, expect, it } from "vitest";
import type { AlertContent } from "./alert-content";
import { alertEmail } from "./alert-email";

const alert: AlertContent = {
  kind: "run_finished",
  title: "Run finished: ada/mnist/bold-river-7",
  text: "Your run ada/mnist/bold-river-7 finished successfully (exit code 0).",
  level: "INFO",
  url: "https://homebase.example/ada/mnist/runs/r1",
};
const settingsUrl = "https://homebase.example/settings/alerts";

describe("alertEmail", () => {
  it("uses the title as the subject and says the same in text and HTML", () => {
    const mail = alertEmail(alert, { settingsUrl });
    expect(mail.subject).toBe("Run finished: ada/mnist/bold-river-7");
    expect(mail.text).toContain(alert.text);
    expect(mail.text).toContain(`Open run: ${alert.url}`);
    expect(mail.text).toContain(settingsUrl);
    expect(mail.html).toContain(alert.text);
    expect(mail.html).toContain(`href="${alert.url}"`);
    expect(mail.html).toContain(`href="${settingsUrl}"`);
  });

  it("escapes what users wrote, keeps the subject on one line, and links only web URLs", () => {
    const mail = alertEmail(
      {
        ...alert,
        kind: "scriptable",
        title: 'Bad <img src=x onerror="alert(1)">\r\nBcc: x@evil.test',
        text: "<script>alert(1)</script>\n\nsecond paragraph",
        url: "javascript:alert(1)",
      },
      { settingsUrl },
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(mail.html).not.toContain("javascript:");
    expect(mail.text).not.toContain("javascript:");
    expect(mail.html.match(/<p style="margin:0 0 12px">/g)).toHaveLength(2);
  });
});
