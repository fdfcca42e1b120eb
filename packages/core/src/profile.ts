/**
 * The longest value, in characters after trimming, of each free-text profile field
 * (`PATCH /me`, API.md); the website's limit is WEBSITE_URL_MAX_LENGTH (./website). The API
 * refuses longer values with 422 and the Profile section counts against the same numbers.
 */
export const PROFILE_TEXT_MAX_LENGTH = {
  name: 64,
  institution: 128,
  location: 128,
  bio: 1000,
} as const;

/** A free-text profile field: name, institution, location or bio. */
export type ProfileTextField = keyof typeof PROFILE_TEXT_MAX_LENGTH;
