import { avatarBlobs } from "@homebase/blobs";
import {
  INTRO_MAX_BLOCK_NESTING,
  INTRO_MAX_LENGTH,
  normalizeWebsiteUrl,
  PROFILE_TEXT_MAX_LENGTH,
  WEBSITE_URL_MAX_LENGTH,
  websiteUrlProblem,
} from "@homebase/core";
import {
  countAvatarUses,
  findPendingEmail,
  setAvatarKey,
  setIntroMarkdown,
  updateProfile,
  userChange,
  userRow,
} from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { AuthedEnv, User } from "../../lib/context";
import { avatarUrl, profileFields } from "../../lib/dto";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";
import { AVATAR_MAX_BYTES, AVATAR_TYPES, AvatarError, type AvatarType, processAvatar } from "../../services/avatars";
import { INTRO_RENDER_TIME_LIMIT_MS, introRenderer, introRenderProblem } from "../../services/intro-renderer";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be at most ${max} characters.`)
    .nullable()
    .transform((v) => v ?? "");

/** `example.org` is stored as `https://example.org`; other schemes than http(s) are refused (core's rule). */
export const WebsiteUrl = z
  .string()
  .transform(normalizeWebsiteUrl)
  .superRefine((value, ctx) => {
    const problem = websiteUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .nullable()
  .openapi({
    description: `An http(s) address of at most ${WEBSITE_URL_MAX_LENGTH} characters; one without a scheme gets https://.`,
    example: "https://example.org",
  });

/** The users columns `PATCH /me` may change (the table's, with the profile's input rules). */
const ProfilePatch = userChange
  .pick({ name: true, institution: true, bio: true, location: true, websiteUrl: true })
  .extend({
    name: text(PROFILE_TEXT_MAX_LENGTH.name),
    institution: text(PROFILE_TEXT_MAX_LENGTH.institution),
    bio: text(PROFILE_TEXT_MAX_LENGTH.bio),
    location: text(PROFILE_TEXT_MAX_LENGTH.location),
    websiteUrl: WebsiteUrl,
  })
  .partial()
  .strict();

/** The users columns `GET /me` shows, as stored, plus what is derived from them. */
const MeSchema = userRow
  .pick({
    id: true,
    username: true,
    email: true,
    name: true,
    institution: true,
    bio: true,
    location: true,
    websiteUrl: true,
    introMarkdown: true,
    emailVerified: true,
  })
  .extend({
    avatarUrl: z.string().nullable(),
    createdAt: z.string(),
    pendingEmail: z
      .string()
      .nullable()
      .openapi({ description: "A new address waiting for verification (PUT /me/email)" }),
  })
  .openapi("Me");

function toMe(user: User) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    ...profileFields(user),
    introMarkdown: user.introMarkdown,
    createdAt: user.createdAt.toISOString(),
    emailVerified: user.emailVerified,
  };
}

const getMe = createRoute({
  method: "get",
  path: "/",
  tags: ["Profile"],
  summary: "Your profile",
  responses: { 200: jsonResponse(MeSchema, "Profile"), ...problems(401) },
});

const patchMe = createRoute({
  method: "patch",
  path: "/",
  tags: ["Profile"],
  summary: "Change profile fields; null clears one",
  request: { body: jsonBody(ProfilePatch) },
  responses: { 200: jsonResponse(MeSchema, "Profile"), ...problems(401, 422) },
});

const putIntro = createRoute({
  method: "put",
  path: "/intro",
  tags: ["Profile"],
  summary: "Save the intro of your public profile (Markdown)",
  description: `422 when the intro nests quotes, lists or HTML elements more than ${INTRO_MAX_BLOCK_NESTING} levels deep or takes more than ${INTRO_RENDER_TIME_LIMIT_MS / 1000} s to render (nothing is saved then); 503 with Retry-After when the renderer is busy.`,
  request: {
    body: jsonBody(
      z.object({ markdown: z.string().max(INTRO_MAX_LENGTH, `Must be at most ${INTRO_MAX_LENGTH} characters.`) }),
    ),
  },
  responses: {
    200: jsonResponse(z.object({ introMarkdown: z.string(), introHtml: z.string() }), "Saved"),
    ...problems(401, 422, 503),
  },
});

const putAvatar = createRoute({
  method: "put",
  path: "/avatar",
  tags: ["Profile"],
  summary: "Upload a profile image (raw PNG, JPEG, WebP or GIF body, at most 5 MB)",
  middleware: [
    bodyLimit({
      maxSize: AVATAR_MAX_BYTES,
      onError: () => {
        throw new HttpProblem(413, "The image is larger than 5 MB.");
      },
    }),
  ] as const,
  request: {
    body: {
      required: true,
      content: Object.fromEntries(
        Object.keys(AVATAR_TYPES).map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }]),
      ),
    },
  },
  responses: {
    200: jsonResponse(z.object({ avatarUrl: z.string() }), "Saved"),
    ...problems(401, 413, 415),
  },
});

const deleteAvatar = createRoute({
  method: "delete",
  path: "/avatar",
  tags: ["Profile"],
  summary: "Remove your profile image",
  responses: { 204: { description: "Removed" }, ...problems(401) },
});

export function profileRouter() {
  return createRouter<AuthedEnv>()
    .openapi(getMe, async (c) => {
      const { db, clock } = c.var.deps;
      const user = c.var.principal.user;
      return c.json(
        { ...toMe(user), pendingEmail: await findPendingEmail(db, { userId: user.id, now: clock.now() }) },
        200,
      );
    })
    .openapi(patchMe, async (c) => {
      const updated = await updateProfile(c.var.deps.db, c.var.principal.user.id, c.req.valid("json"));
      const pendingEmail = await findPendingEmail(c.var.deps.db, { userId: updated.id, now: c.var.deps.clock.now() });
      return c.json({ ...toMe(updated), pendingEmail }, 200);
    })
    .openapi(putIntro, async (c) => {
      const { markdown } = c.req.valid("json");
      // Rendered (off the event loop, within a budget) before it is saved: an intro that cannot be shown is not kept.
      const introHtml = await introRenderer()
        .render(markdown)
        .catch((error: unknown) => {
          throw introRenderProblem(error);
        });
      await setIntroMarkdown(c.var.deps.db, c.var.principal.user.id, markdown);
      return c.json({ introMarkdown: markdown, introHtml }, 200);
    })
    .openapi(putAvatar, async (c) => {
      const declared = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!(declared in AVATAR_TYPES)) {
        throw new HttpProblem(415, "Upload a PNG, JPEG, WebP or GIF image with its Content-Type.");
      }
      const input = Buffer.from(await c.req.arrayBuffer());
      if (input.length === 0) throw new HttpProblem(415, "The upload is empty.");
      let image: Buffer;
      try {
        image = await processAvatar(input, declared as AvatarType);
      } catch (error) {
        if (error instanceof AvatarError) throw new HttpProblem(415, error.message);
        throw error;
      }
      const { db, config } = c.var.deps;
      const store = avatarBlobs(config.blobs);
      const key = await store.save(image);
      const previous = await setAvatarKey(db, c.var.principal.user.id, key);
      if (previous && previous !== key && (await countAvatarUses(db, previous)) === 0) await store.remove(previous);
      return c.json({ avatarUrl: avatarUrl(key)! }, 200);
    })
    .openapi(deleteAvatar, async (c) => {
      const { db, config } = c.var.deps;
      const previous = await setAvatarKey(db, c.var.principal.user.id, null);
      if (previous && (await countAvatarUses(db, previous)) === 0) await avatarBlobs(config.blobs).remove(previous);
      return c.body(null, 204);
    });
}
