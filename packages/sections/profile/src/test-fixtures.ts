/** Test code only: what the profile section's tests sign in as and show to others. */
import type { Me } from "@homebase/settings-kit";
import type { PublicProfile } from "./api";

/** The intro both tests start from, in Markdown and as the API renders it. */
export const SAVED_INTRO = { markdown: "## About\n\nHello", html: "<h2>About</h2>\n<p>Hello</p>" };

/** `GET /users/:username` of `me`: the public fields of the profile, the intro as HTML. */
export function publicProfileOf(me: Me, introHtml: string = SAVED_INTRO.html): PublicProfile {
  const { username, name, institution, bio, location, websiteUrl, avatarUrl } = me;
  return { username, name, institution, bio, location, websiteUrl, avatarUrl, introHtml };
}
