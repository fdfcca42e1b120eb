/** What deleting an account removes, as the section lists it. */
export const DELETED_DATA: readonly string[] = [
  "Your profile, avatar and public profile page",
  "All your API keys: scripts and services using them stop working at once",
  "Your runs, including the ones you started in teams, and your personal projects",
  "Every object stored under your personal account (artifacts, run files, media)",
  "Your alert settings and delivery log",
  "Your GitHub and Slack connections (the GitHub token is revoked)",
  "Your team memberships",
];

/** The confirmation matches when it is the username, as the API compares it (trimmed, any case). */
export function confirmationMatches(typed: string, username: string): boolean {
  return typed.trim().toLowerCase() === username.toLowerCase() && username !== "";
}
