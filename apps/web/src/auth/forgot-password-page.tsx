import { ApiError, errorMessage, requestPasswordReset, tooManyAttemptsMessage } from "@homebase/settings-kit";
import { FormError, Notice } from "@homebase/ui/forms";
import { Button, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { AuthFooterLink, AuthShell } from "./auth-shell";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The message under the field, or undefined when the address can be sent. */
export function forgotEmailError(value: string): string | undefined {
  const email = value.trim();
  if (!email) return "Enter your email address.";
  if (!EMAIL.test(email)) return "Enter a valid email address.";
  return undefined;
}

/**
 * /forgot-password: asks for the account's address and always answers the same way, whether
 * or not an account has it (as the API does), so the page never tells who has an account.
 */
export function ForgotPasswordPage() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(() => params.get("email") ?? "");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const error = forgotEmailError(email);
    setFieldError(error);
    if (error) {
      input.current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.fieldErrors().email) {
        setFieldError(err.fieldErrors().email);
        input.current?.focus();
      } else if (err instanceof ApiError && err.status === 429) {
        setFormError(tooManyAttemptsMessage(err.retryAfter));
      } else {
        setFormError(errorMessage(err));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const footer = <AuthFooterLink question="Remembered it?" to="/login" label="Sign in" />;

  if (sentTo !== null) {
    return (
      <AuthShell title="Check your email" footer={footer}>
        <Stack gap="md">
          <Notice title="Reset link sent">
            If an account exists for <strong>{sentTo}</strong>, we sent a link to it to choose a new password. The link
            works once and expires in 1 hour.
          </Notice>
          <Text size="sm">
            No e-mail after a few minutes? Check your spam folder, or make sure you typed the address of your account.
          </Text>
          <Button
            variant="default"
            fullWidth
            onClick={() => {
              setSentTo(null);
              setFormError(null);
            }}
          >
            Use another address
          </Button>
        </Stack>
      </AuthShell>
    );
  }

  return (
    <AuthShell title="Reset your password" footer={footer}>
      <form onSubmit={onSubmit} noValidate aria-label="Reset your password">
        <Stack gap="md">
          <Text size="sm">
            Enter the email address of your account, and we will send you a link to choose a new password.
          </Text>
          <FormError title="Could not send the link">{formError}</FormError>
          <TextInput
            ref={input}
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            withAsterisk={false}
            value={email}
            error={fieldError}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setEmail(value);
              if (fieldError) setFieldError(forgotEmailError(value));
            }}
          />
          <Button type="submit" fullWidth loading={submitting}>
            Send reset link
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
