import { Typography } from "@mantine/core";
import classes from "./intro-content.module.css";

export interface IntroContentProps {
  /** The API's `introHtml`: Markdown rendered and sanitized with an allowlist on the server. */
  html: string;
  /** Accessible name of the region, e.g. "Intro". */
  label?: string;
}

/**
 * A profile intro as the public sees it. The HTML comes from `GET /users/:username` or
 * `PUT /me/intro` and is sanitized server-side (packages/core `renderIntroHtml`: no
 * scripts, event handlers, `style`, or non-http(s) URLs), which is what makes inserting
 * it here safe; the page's Content-Security-Policy is a second line.
 */
export function IntroContent({ html, label }: IntroContentProps) {
  return (
    <Typography
      className={classes.content}
      aria-label={label}
      role={label ? "region" : undefined}
      // Safe only because the API sanitized it with an allowlist (see above).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
