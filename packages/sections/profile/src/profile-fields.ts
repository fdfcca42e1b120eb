import { PROFILE_TEXT_MAX_LENGTH } from "@homebase/core/profile";
import { normalizeWebsiteUrl, WEBSITE_URL_MAX_LENGTH, websiteUrlProblem } from "@homebase/core/website";
import type { Me } from "@homebase/settings-kit";
import type { ProfilePatch } from "./api";

/** The editable text fields of a profile, with the limits of `PATCH /me` (API.md). */
export const PROFILE_FIELDS = ["name", "institution", "location", "websiteUrl", "bio"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Record<ProfileField, string>;
export type FieldErrors = Partial<Record<ProfileField, string>>;

export const FIELD_LIMITS: Record<ProfileField, number> = {
  ...PROFILE_TEXT_MAX_LENGTH,
  websiteUrl: WEBSITE_URL_MAX_LENGTH,
};

/** The form's values for a profile: the API's `null` website is an empty input. */
export function valuesOf(me: Me): ProfileValues {
  return {
    name: me.name,
    institution: me.institution,
    location: me.location,
    websiteUrl: me.websiteUrl ?? "",
    bio: me.bio,
  };
}

/**
 * What the API will store for a field: every field trimmed, and a website without a scheme
 * with `https://` in front ("example.org" → "https://example.org"; core's rule, as the API's).
 */
export function clean(field: ProfileField, value: string): string {
  return field === "websiteUrl" ? normalizeWebsiteUrl(value) : value.trim();
}

/** Problems the browser can see before asking the server; the server still has the last word. */
export function validateProfile(values: ProfileValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of PROFILE_FIELDS) {
    const length = clean(field, values[field]).length;
    if (length > FIELD_LIMITS[field]) {
      errors[field] = `Must be at most ${FIELD_LIMITS[field]} characters (now ${length}).`;
    }
  }
  const website = clean("websiteUrl", values.websiteUrl);
  const problem = website === "" ? undefined : websiteUrlProblem(website);
  if (!errors.websiteUrl && problem) errors.websiteUrl = problem;
  return errors;
}

/** Only the fields that differ from what is saved; an emptied website is sent as `null`. */
export function changedFields(values: ProfileValues, saved: ProfileValues): ProfilePatch {
  const patch: ProfilePatch = {};
  for (const field of PROFILE_FIELDS) {
    const next = clean(field, values[field]);
    if (next === clean(field, saved[field])) continue;
    if (field === "websiteUrl") patch.websiteUrl = next === "" ? null : next;
    else patch[field] = next;
  }
  return patch;
}

export function isProfileField(path: string): path is ProfileField {
  return (PROFILE_FIELDS as readonly string[]).includes(path);
}
