import { passwordRuleError } from "@homebase/settings-kit";

export interface SignupValues {
  username: string;
  email: string;
  password: string;
  name: string;
}

export type SignupField = keyof SignupValues;
export type SignupErrors = Partial<Record<SignupField, string>>;

export const USERNAME_HINT = "3–32 characters: lower-case letters, digits, - and _.";

const USERNAME = /^[a-z0-9_-]+$/;

/**
 * The checks the browser can make before asking the API (the API checks the
 * same and more: taken names, email deliverability). Mirrors the API's rules:
 * usernames are trimmed and stored lower-case.
 */
export function validateSignup(values: SignupValues): SignupErrors {
  const errors: SignupErrors = {};
  const username = values.username.trim().toLowerCase();
  if (!username) errors.username = "Choose a username.";
  else if (!USERNAME.test(username)) errors.username = "Use only letters, digits, hyphens and underscores.";
  else if (username.length < 3) errors.username = "Must be at least 3 characters.";
  else if (username.length > 32) errors.username = "Must be at most 32 characters.";

  const email = values.email.trim();
  if (!email) errors.email = "Enter your email address.";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = "Enter a valid email address.";

  const password = passwordRuleError(values.password, "Choose a password.");
  if (password) errors.password = password;

  if (values.name.trim().length > 64) errors.name = "Must be at most 64 characters.";
  return errors;
}

const FIELDS: readonly SignupField[] = ["username", "email", "password", "name"];

/**
 * Puts the API's problem under the fields it names. A 409 without field
 * errors is attributed from its wording (the taken email or username).
 */
export function signupErrorsFromProblem(
  status: number,
  detail: string,
  fieldErrors: Record<string, string>,
): { fields: SignupErrors; unplaced: string | null } {
  const fields: SignupErrors = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const field = path.split(".")[0] as SignupField;
    if (FIELDS.includes(field) && !fields[field]) fields[field] = message;
  }
  if (status === 409 && Object.keys(fields).length === 0) {
    fields[/e-?mail/i.test(detail) ? "email" : "username"] = detail;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, unplaced: placed ? null : detail };
}
