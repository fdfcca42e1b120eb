import { validateNewPassword } from "@homebase/settings-kit";

/** The checks the browser makes before asking the API (which checks the same and more). */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface EmailChangeErrors {
  email?: string;
  password?: string;
}

/** New address + password. Addresses compare trimmed and in any case, as the API does. */
export function validateEmailChange(values: { email: string; password: string }, current: string): EmailChangeErrors {
  const errors: EmailChangeErrors = {};
  const email = values.email.trim();
  if (!email) errors.email = "Enter the new email address.";
  else if (email.length > 254 || !EMAIL.test(email)) errors.email = "Enter a valid email address.";
  else if (email.toLowerCase() === current.trim().toLowerCase()) errors.email = "This is already your email address.";
  if (!values.password) errors.password = "Enter your password.";
  return errors;
}

export interface PasswordChangeValues {
  current: string;
  next: string;
  confirm: string;
}

export type PasswordChangeErrors = Partial<Record<keyof PasswordChangeValues, string>>;

export function validatePasswordChange(values: PasswordChangeValues): PasswordChangeErrors {
  const errors: PasswordChangeErrors = {};
  if (!values.current) errors.current = "Enter your current password.";
  const rules = validateNewPassword(values.next, values.confirm);
  if (rules.password) errors.next = rules.password;
  else if (values.current && values.next === values.current) {
    errors.next = "Choose a password different from your current one.";
  }
  if (rules.confirm) errors.confirm = rules.confirm;
  return errors;
}
