import { z } from "zod";

/** Usernames and team names share these rules, because both are entities in one namespace. */
export const ENTITY_NAME_PATTERN = /^[a-z0-9_-]{3,32}$/;

export const entityName = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
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
