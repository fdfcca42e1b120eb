import {
  ApiError,
  confirmPasswordReset,
  errorMessage,
  NEW_PASSWORD_HINT,
  type NewPasswordErrors,
  useFieldRefs,
  validateNewPassword,
} from "@homebase/settings-kit";
import { FormError, NewPasswordFields } from "@homebase/ui/forms";
import { Button, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthFooterLink, AuthShell } from "./auth-shell";

const ORDER = ["password", "confirm"] as const;

/** Where a successful reset leads: sign-in, with the notice that the password changed. */
export const AFTER_RESET = "/login?notice=password-reset";

function SignInFooter() {
  return <AuthFooterLink question="Remembered it?" to="/login" label="Sign in" />;
}

/** A link that cannot be used: missing, used, expired or unknown token. */
function UnusableLink({ reason }: { reason: string }) {
  return (
    <AuthShell title="This link cannot be used" footer={<SignInFooter />}>
      <Stack gap="md">
        <FormError title="The password was not changed">{reason}</FormError>
        <Button component={Link} to="/forgot-password" fullWidth>
          Send a new link
        </Button>
      </Stack>
    </AuthShell>
  );
}

/**
 * /reset-password?token=…: the page the reset e-mail links to. Sets the new password, which ends
 * every session, then sends the user to sign in with it.
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ password: "", confirm: "" });
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [unusable, setUnusable] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { refs, focusFirst } = useFieldRefs(ORDER);

  if (!token) {
    return <UnusableLink reason="The link has no token. Open the link from the e-mail again, or ask for a new one." />;
  }
  if (unusable) return <UnusableLink reason={unusable} />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const found = validateNewPassword(values.password, values.confirm);
    setErrors(found);
    if (focusFirst(found)) return;
    setSubmitting(true);
    try {
      await confirmPasswordReset(token, values.password);
      // Every session ended, this browser's too: forget whatever was cached for it.
      queryClient.clear();
      navigate(AFTER_RESET, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status === 400) return setUnusable(error.detail);
      const field = error instanceof ApiError ? error.fieldErrors().password : undefined;
      if (field) {
        setErrors({ password: field });
        refs.password.current?.focus();
        return;
      }
      setFormError(errorMessage(error));
    }
  };

  return (
    <AuthShell title="Choose a new password" footer={<SignInFooter />}>
      <form onSubmit={onSubmit} noValidate aria-label="Choose a new password">
        <Stack gap="md">
          <Text size="sm">After the change, every session of your account is signed out, and you sign in again.</Text>
          <FormError title="Could not change the password">{formError}</FormError>
          <NewPasswordFields
            refs={refs}
            names={{ password: "password", confirm: "confirm" }}
            hint={NEW_PASSWORD_HINT}
            required
            values={values}
            errors={errors}
            onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
          />
          <Button type="submit" fullWidth loading={submitting}>
            Change password
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
