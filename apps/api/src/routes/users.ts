import { findUserByUsername, getStoredUserSettings, listUserTeams, userRow } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../lib/context";
import { profileFields } from "../lib/dto";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";
import { introRenderer } from "../services/intro-renderer";

const PublicProfile = userRow
  .pick({ username: true, name: true, institution: true, bio: true, location: true, websiteUrl: true })
  .extend({
    avatarUrl: z.string().nullable(),
    introHtml: z.string(),
    teams: z
      .array(z.string())
      .optional()
      .openapi({ description: "The teams' names (slugs); absent when the user hides teams" }),
    teamDetails: z
      .array(z.object({ name: z.string(), displayName: z.string() }))
      .optional()
      .openapi({
        description: "The same teams with the display names to show, in the same order; absent when `teams` is",
      }),
  })
  .openapi("PublicProfile");

const get = createRoute({
  method: "get",
  path: "/{username}",
  tags: ["Profile"],
  summary: "A user's public profile (no sign-in needed)",
  request: { params: z.object({ username: z.string().max(64) }) },
  responses: { 200: jsonResponse(PublicProfile, "Profile"), ...problems(404) },
});

/** /users: public profiles (no sign-in needed). */
export function usersRouter() {
  return createRouter<AppEnv>().openapi(get, async (c) => {
    const { db } = c.var.deps;
    const { username } = c.req.valid("param");
    const user = await findUserByUsername(db, username);
    if (!user) throw new HttpProblem(404, `There is no user "${username}".`);
    const settings = await getStoredUserSettings(db, user.id);
    const teams = settings.hideTeamsInProfile
      ? undefined
      : (await listUserTeams(db, user.id)).map(({ name, displayName }) => ({ name, displayName }));
    // Off the event loop; an intro stored before the nesting and time limits that breaks them shows as escaped text.
    const introHtml = await introRenderer().renderStored(user.introMarkdown);
    return c.json(
      {
        username: user.username,
        ...profileFields(user),
        introHtml,
        ...(teams ? { teams: teams.map((t) => t.name), teamDetails: teams } : {}),
      },
      200,
    );
  });
}
