import type { Me, ProfilePatch } from "./api";

/** The editable text fields of a profile, with the limits of `PATCH /me` (API.md). */
export const PROFILE_FIELDS = ["name", "institution", "location", "websiteUrl", "bio"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Record<ProfileField, string>;
export type FieldErrors = Partial<Record<ProfileField, string>>;

export const FIELD_LIMITS: Record<ProfileField, number> = {
  name: 64,
  institution: 128,
  location: 128,
  websiteUrl: 2048,
  bio: 1000,
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

/** The same rule as the API: an absolute http(s) URL with a host. */
export function isWebsiteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** The API trims every field; compare and count what it will store. */
const clean = (value: string) => value.trim();

/** Problems the browser can see before asking the server; the server still has the last word. */
export function validateProfile(values: ProfileValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of PROFILE_FIELDS) {
    const length = clean(values[field]).length;
    if (length > FIELD_LIMITS[field]) {
      errors[field] = `Must be at most ${FIELD_LIMITS[field]} characters (now ${length}).`;
    }
  }
  const website = clean(values.websiteUrl);
  if (!errors.websiteUrl && website !== "" && !isWebsiteUrl(website)) {
    errors.websiteUrl = "Enter a full web address starting with http:// or https://.";
  }
  return errors;
}

/** Only the fields that differ from what is saved; an emptied website is sent as `null`. */
export function changedFields(values: ProfileValues, saved: ProfileValues): ProfilePatch {
  const patch: ProfilePatch = {};
  for (const field of PROFILE_FIELDS) {
    const next = clean(values[field]);
    if (next === clean(saved[field])) continue;
    if (field === "websiteUrl") patch.websiteUrl = next === "" ? null : next;
    else patch[field] = next;
  }
  return patch;
}

export function isProfileField(path: string): path is ProfileField {
  return (PROFILE_FIELDS as readonly string[]).includes(path);
}
