import { userRow } from "@homebase/db";
import { z } from "@hono/zod-openapi";
import type { User } from "./context";

export const UserSchema = userRow
  .pick({ id: true, username: true, email: true, name: true })
  .extend({
    admin: z.boolean(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("User");

export function toUserDto(user: User): z.infer<typeof UserSchema> {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    name: user.name,
    admin: user.isAdmin,
    createdAt: user.createdAt.toISOString(),
  };
}

/** The URL of a stored profile image (content-addressed), or null without one. */
export function avatarUrl(avatarKey: string | null): string | null {
  return avatarKey ? `/api/v1/avatars/${avatarKey}` : null;
}

/**
 * The profile a user shows, on GET /me and on the public profile (GET /users/{username}): the
 * profile columns of the users row as they are, and the avatar's URL.
 */
export function profileFields(
  user: Pick<User, "name" | "institution" | "bio" | "location" | "websiteUrl" | "avatarKey">,
) {
  return {
    name: user.name,
    institution: user.institution,
    bio: user.bio,
    location: user.location,
    websiteUrl: user.websiteUrl,
    avatarUrl: avatarUrl(user.avatarKey),
  };
}
