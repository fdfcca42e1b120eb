import { PasswordInput, type PasswordInputProps } from "@mantine/core";

/**
 * Mantine's PasswordInput with a visibility toggle whose name does not contain "password"
 * ("Show characters"): otherwise `getByLabel("Password")`, and a screen reader's list of
 * fields, finds both the field and its toggle. Every password field of the shell and the
 * sections is this one.
 */
export function SecretInput(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": "Show characters" }} {...props} />;
}
