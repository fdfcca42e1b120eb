import type { Ref } from "react";
import { SecretInput } from "./secret-input";

export type NewPasswordField = "password" | "confirm";

export interface NewPasswordFieldsProps {
  values: Record<NewPasswordField, string>;
  errors: Partial<Record<NewPasswordField, string | undefined>>;
  onChange: (field: NewPasswordField, value: string) => void;
  /** The rules, under the new password (the kit's `NEW_PASSWORD_HINT`). */
  hint: string;
  /** The fields' `name`s, which password managers read. */
  names: Record<NewPasswordField, string>;
  refs?: Partial<Record<NewPasswordField, Ref<HTMLInputElement>>>;
  /** Marked required for assistive technology (without an asterisk). */
  required?: boolean;
}

/**
 * "New password" with its rules and "Confirm new password": the reset-password page and the
 * Account section's password card. Both are `autocomplete="new-password"`, so a password manager
 * offers to generate one and fills both.
 */
export function NewPasswordFields({ values, errors, onChange, hint, names, refs, required }: NewPasswordFieldsProps) {
  const requiredProps = required ? { required: true, withAsterisk: false } : {};
  return (
    <>
      <SecretInput
        ref={refs?.password}
        label="New password"
        name={names.password}
        description={hint}
        autoComplete="new-password"
        {...requiredProps}
        value={values.password}
        error={errors.password}
        onChange={(e) => onChange("password", e.currentTarget.value)}
      />
      <SecretInput
        ref={refs?.confirm}
        label="Confirm new password"
        name={names.confirm}
        autoComplete="new-password"
        {...requiredProps}
        value={values.confirm}
        error={errors.confirm}
        onChange={(e) => onChange("confirm", e.currentTarget.value)}
      />
    </>
  );
}
