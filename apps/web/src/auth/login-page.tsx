import { ACCOUNT_DELETED_NOTICE, clearAccountDeletedMark, hasAccountDeletedMark } from "@homebase/section-account";
import { ApiError, errorMessage, login, tooManyAttemptsMessage } from "@homebase/settings-kit";
import { FormError, Notice, SecretInput } from "@homebase/ui/forms";
import { Anchor, Button, Group, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthFooterLink, AuthShell } from "./auth-shell";
import { keepingNext, safeNext } from "./safe-next";

interface FieldErrors {
  login?: string;
  password?: string;
}

/** The sentence for a failed sign-in: the API's detail, or the wait on 429. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) return tooManyAttemptsMessage(error.retryAfter);
  return errorMessage(error);
}

interface LoginNotice {
  title: string;
  text: string;
  /** Shown only when this holds (the flow that leads here left its mark in this tab). */
  when?: () => boolean;
  /** Called once the notice is shown, e.g. to forget that mark. */
  shown?: () => void;
}

/**
 * `/login?notice=…`: what the page says above the form after a flow that ends at sign-in. Only
 * these fixed texts: the parameter picks one, it never carries text of its own.
 */
export const LOGIN_NOTICES: Readonly<Record<string, LoginNotice>> = {
  "password-reset": {
    title: "Password changed",
    text: "Sign in with your new password. Every session of your account was signed out.",
  },
  [ACCOUNT_DELETED_NOTICE]: {
    title: "Your account was deleted",
    text: "A confirmation email is on its way.",
    when: hasAccountDeletedMark,
    shown: clearAccountDeletedMark,
  },
};

function loginNotice(value: string | null): LoginNotice | null {
  if (!value || !Object.hasOwn(LOGIN_NOTICES, value)) return null;
  const notice = LOGIN_NOTICES[value]!;
  return !notice.when || notice.when() ? notice : null;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ login: "", password: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Decided once, on arrival: a notice that forgets its mark once shown is quiet after a reload.
  const [notice] = useState(() => loginNotice(params.get("notice")));
  useEffect(() => notice?.shown?.(), [notice]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!values.login.trim()) errors.login = "Enter your username or email.";
    if (!values.password) errors.password = "Enter your password.";
    setFieldErrors(errors);
    setFormError(null);
    if (errors.login || errors.password) return;
    setSubmitting(true);
    try {
      await login({ login: values.login.trim(), password: values.password });
      // A different user may have been signed in: forget everything cached.
      queryClient.clear();
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.errors.length > 0) {
        const byField = error.fieldErrors();
        setFieldErrors({ login: byField.login, password: byField.password });
      }
      setFormError(loginErrorMessage(error));
      setSubmitting(false);
    }
  };

  const signupHref = keepingNext("/signup", params);
  // An address typed as the login goes along, so it need not be typed twice.
  const typed = values.login.trim();
  const forgotHref = typed.includes("@") ? `/forgot-password?email=${encodeURIComponent(typed)}` : "/forgot-password";
  return (
    <AuthShell
      title="Sign in to Homebase"
      footer={<AuthFooterLink question="New to Homebase?" to={signupHref} label="Sign up" />}
    >
      <form onSubmit={onSubmit} noValidate aria-label="Sign in">
        <Stack gap="md">
          {notice && !formError && <Notice title={notice.title}>{notice.text}</Notice>}
          <FormError title="Could not sign in">{formError}</FormError>
          <TextInput
            label="Username or email"
            name="login"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            withAsterisk={false}
            value={values.login}
            error={fieldErrors.login}
            onChange={(e) => {
              const login = e.currentTarget.value;
              setValues((v) => ({ ...v, login }));
            }}
          />
          <SecretInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            withAsterisk={false}
            value={values.password}
            error={fieldErrors.password}
            onChange={(e) => {
              const password = e.currentTarget.value;
              setValues((v) => ({ ...v, password }));
            }}
          />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to={forgotHref} size="sm" underline="always">
              Forgot password?
            </Anchor>
          </Group>
          <Button type="submit" fullWidth loading={submitting}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
