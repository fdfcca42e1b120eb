import { z } from "zod";

/**
 * A user or team name in its stored form: Unicode NFKC, lower-cased, NFKC again (lower-casing
 * can leave a compatibility form), trimmed. So a name that only looks like `a–z` becomes the
 * plain name it looks like: the Kelvin sign `K` (U+212A) gives `k`, fullwidth `ａｄａ` gives
 * `ada`, the ligature `ﬁ` gives `fi`; and it then collides with that name instead of living
 * beside it. Anything NFKC does not map to `a–z 0–9 - _` (Cyrillic `а`, zero-width or soft
 * hyphen characters) stays as it is and fails {@link entityName}. (UTS #39 and
 * GitHub's and GitLab's ASCII-only login names follow the same idea.)
 */
export function normalizeEntityName(name: string): string {
  return name.normalize("NFKC").toLowerCase().normalize("NFKC").trim();
}

/**
 * A new username or team name: normalized ({@link normalizeEntityName}), then checked; the output
 * is what is stored. Usernames and team names share these rules, because both are entities in one
 * namespace: 3–32 of `a–z 0–9 - _`.
 */
export const entityName = z
  .string()
  .max(256, "Must be at most 32 characters.")
  .transform(normalizeEntityName)
  .pipe(
    z
      .string()
      .min(3, "Must be at least 3 characters.")
      .max(32, "Must be at most 32 characters.")
      .regex(/^[a-z0-9_-]*$/, "Use only letters, digits, hyphens and underscores."),
  );

export const email = z
  .string()
  .trim()
  .max(254, "Must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const password = z.string().min(8, "Must be at least 8 characters.").max(256, "Must be at most 256 characters.");
