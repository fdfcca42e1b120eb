import { ALERT_LEVEL_STYLE, type AlertContent, alertLinkLabel, singleLine } from "./alert-content";

export interface AlertEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) links become clickable; anything else is shown as text. */
function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * An alert as an e-mail: the subject is the notification title (for example
 * "Run crashed: entity/project/run-name"), with a plain-text part and an HTML part that say
 * the same, and a footer pointing at the alert settings.
 */
export function alertEmail(alert: AlertContent, options: { settingsUrl: string }): AlertEmail {
  const style = ALERT_LEVEL_STYLE[alert.level];
  const subject = singleLine(alert.title, 200);
  const link = alert.url && isWebUrl(alert.url) ? alert.url : null;
  const why = "You get this e-mail because these alerts are switched on for your Homebase account.";

  const text = [
    subject,
    "",
    alert.text.trim(),
    ...(link ? ["", `${alertLinkLabel(alert.kind)}: ${link}`] : []),
    "",
    "-- ",
    `Level: ${style.label}`,
    `${why} Change them at ${options.settingsUrl}`,
    "",
  ].join("\n");

  const paragraphs = alert.text
    .trim()
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((p) => `<p style="margin:0 0 12px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const button = link
    ? `<p style="margin:20px 0"><a href="${escapeHtml(link)}" style="background:${style.colour};color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(alertLinkLabel(alert.kind))}</a></p>`
    : "";
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-top:4px solid ${style.colour};border-radius:6px;padding:24px">
<p style="margin:0 0 8px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:${style.colour}">${style.emoji} ${escapeHtml(style.label)}</p>
<h1 style="margin:0 0 16px;font-size:18px">${escapeHtml(subject)}</h1>
${paragraphs}
${button}
<p style="margin:24px 0 0;font-size:12px;color:#59636e">${escapeHtml(why)} <a href="${escapeHtml(options.settingsUrl)}" style="color:#59636e">Change your alert settings</a>.</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
