/**
 * The rules for a new password as the API checks them (`password` in @homebase/core: 8–256
 * characters), for the forms that choose one: sign-up, the reset page and the change-password card.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const NEW_PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters.`;

export interface NewPasswordErrors {
  password?: string;
  confirm?: string;
}

/** What is wrong with a password being chosen (sign-up, reset, change), or undefined; `empty` when none was typed. */
export function passwordRuleError(password: string, empty = "Choose a new password."): string | undefined {
  if (!password) return empty;
  if (password.length < PASSWORD_MIN_LENGTH) return `Must be at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Must be at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

/** The messages for a new password and its repetition; empty when both are fine. */
export function validateNewPassword(password: string, confirm: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const rule = passwordRuleError(password);
  if (rule) errors.password = rule;
  if (!confirm) errors.confirm = "Enter the new password again.";
  else if (confirm !== password) errors.confirm = "The passwords do not match.";
  return errors;
}

/** The sentence for a 429: how long to wait, from `Retry-After` when the server sent it. */
export function tooManyAttemptsMessage(retryAfter: number | undefined): string {
  if (retryAfter === undefined) return "Too many attempts. Try again later.";
  if (retryAfter >= 120) return `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minutes.`;
  return `Too many attempts. Try again in ${retryAfter} ${retryAfter === 1 ? "second" : "seconds"}.`;
}
