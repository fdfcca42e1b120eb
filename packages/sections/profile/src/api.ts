import { api, apiFetch, queryKeys, unwrap } from "@homebase/settings-kit";

/**
 * The profile routes (API.md, "Profile"). They go through the typed client, so a changed
 * route or body breaks the build here; only the raw-image avatar upload needs `apiFetch`.
 */
const v1 = api.api.v1;

/** `GET /me`: the signed-in user's own profile. */
export function fetchMe() {
  return unwrap(v1.me.$get());
}

export type Me = Awaited<ReturnType<typeof fetchMe>>;

/** The fields of `PATCH /me`; `websiteUrl: null` clears the website. */
export interface ProfilePatch {
  name?: string;
  institution?: string;
  bio?: string;
  location?: string;
  websiteUrl?: string | null;
}

export function updateProfile(patch: ProfilePatch) {
  return unwrap(v1.me.$patch({ json: patch }));
}

/** `PUT /me/intro`: stores the Markdown and answers with its sanitized HTML. */
export function saveIntro(markdown: string) {
  return unwrap(v1.me.intro.$put({ json: { markdown } }));
}

export type SavedIntro = Awaited<ReturnType<typeof saveIntro>>;

/** `PUT /me/avatar` with the image itself as the body and its format as `Content-Type`. */
export function uploadAvatar(file: Blob, type: string = file.type): Promise<{ avatarUrl: string }> {
  return apiFetch("/me/avatar", { method: "PUT", body: file, headers: { "Content-Type": type } });
}

export async function removeAvatar(): Promise<void> {
  await unwrap(v1.me.avatar.$delete());
}

/** `GET /users/:username`: anyone's public profile, with the intro as sanitized HTML. No sign-in needed. */
export function fetchPublicProfile(username: string) {
  return unwrap(v1.users[":username"].$get({ param: { username } }));
}

export type PublicProfile = Awaited<ReturnType<typeof fetchPublicProfile>>;

/**
 * Query keys. `me` is the kit's shared key for `GET /me` (the shell may show the name or
 * avatar too); a public profile is cached per username, and the settings page updates
 * the owner's entry whenever it saves, so /u/<username> never shows stale data.
 */
export const profileKeys = {
  me: queryKeys.me,
  publicProfile: (username: string) => ["users", username] as const,
};
