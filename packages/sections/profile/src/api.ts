import { api, type RequestOf, type ResponseOf, unwrap } from "@homebase/settings-kit";

/**
 * The profile routes (API.md, "Profile"), through the typed client: a changed route or body
 * breaks the build here. `GET /me` itself is the kit's (`useMe`): the shell's header reads it too.
 */
const v1 = api.api.v1;

/** The fields of `PATCH /me`; `websiteUrl: null` clears the website. */
export type ProfilePatch = RequestOf<typeof v1.me.$patch>["json"];

export function updateProfile(patch: ProfilePatch) {
  return unwrap(v1.me.$patch({ json: patch }));
}

/** `PUT /me/intro`: stores the Markdown and answers with its sanitized HTML. */
export function saveIntro(markdown: string) {
  return unwrap(v1.me.intro.$put({ json: { markdown } }));
}

export type SavedIntro = ResponseOf<typeof v1.me.intro.$put>;

/** `PUT /me/avatar` with the image itself as the body and its format as `Content-Type`. */
export function uploadAvatar(file: Blob, type: string = file.type) {
  return unwrap(v1.me.avatar.$put({}, { headers: { "Content-Type": type }, init: { body: file } }));
}

export async function removeAvatar(): Promise<void> {
  await unwrap(v1.me.avatar.$delete());
}

/** `GET /users/:username`: anyone's public profile, with the intro as sanitized HTML. No sign-in needed. */
export function fetchPublicProfile(username: string) {
  return unwrap(v1.users[":username"].$get({ param: { username } }));
}

export type PublicProfile = ResponseOf<(typeof v1.users)[":username"]["$get"]>;

/**
 * The public profile is cached per username, and the settings page updates the owner's entry
 * whenever it saves, so /u/<username> never shows stale data. (`GET /me` is the kit's `queryKeys.me`.)
 */
export const profileKeys = {
  publicProfile: (username: string) => ["users", username] as const,
};
