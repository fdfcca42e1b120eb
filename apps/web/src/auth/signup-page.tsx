import { ApiError, errorMessage, signup } from "@homebase/settings-kit";
import { Alert, Anchor, Button, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { AuthShell } from "./auth-shell";
import { SecretInput } from "./password-input";
import { safeNext } from "./safe-next";
import {
  PASSWORD_HINT,
  type SignupErrors,
  type SignupField,
  type SignupValues,
  signupErrorsFromProblem,
  USERNAME_HINT,
  validateSignup,
} from "./signup-validation";

const ORDER: readonly SignupField[] = ["username", "email", "password", "name"];

export function SignupPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SignupValues>({ username: "", email: "", password: "", name: "" });
  const [errors, setErrors] = useState<SignupErrors>({});
  const [touched, setTouched] = useState<Partial<Record<SignupField, boolean>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = {
    username: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
  };

  const focusFirstError = (found: SignupErrors) => {
    const first = ORDER.find((field) => found[field]);
    if (first) refs[first].current?.focus();
  };

  const update = (field: SignupField, value: string) => {
    const nextValues = { ...values, [field]: value };
    setValues(nextValues);
    // Once a field has been left (or the form submitted), re-check it as the user types.
    if (touched[field]) setErrors((prev) => ({ ...prev, [field]: validateSignup(nextValues)[field] }));
  };

  const blur = (field: SignupField) => {
    if (!values[field]) return;
    setTouched((prev) => ({ ...prev, [field]: true }));
    setErrors((prev) => ({ ...prev, [field]: validateSignup(values)[field] }));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const found = validateSignup(values);
    setErrors(found);
    setTouched({ username: true, email: true, password: true, name: true });
    if (Object.values(found).some(Boolean)) {
      focusFirstError(found);
      return;
    }
    setSubmitting(true);
    try {
      const name = values.name.trim();
      await signup({
        username: values.username.trim(),
        email: values.email.trim(),
        password: values.password,
        ...(name ? { name } : {}),
      });
      queryClient.clear();
      navigate(next, { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && (error.status === 422 || error.status === 409)) {
        const { fields, unplaced } = signupErrorsFromProblem(error.status, error.detail, error.fieldErrors());
        setErrors(fields);
        setFormError(unplaced);
        focusFirstError(fields);
        return;
      }
      setFormError(errorMessage(error));
    }
  };

  const loginHref = params.has("next") ? `/login?next=${encodeURIComponent(next)}` : "/login";
  return (
    <AuthShell
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Anchor component={Link} to={loginHref} underline="always">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate aria-label="Create account">
        <Stack gap="md">
          {formError && (
            <Alert color="red" variant="light" role="alert" title="Could not create the account">
              {formError}
            </Alert>
          )}
          <TextInput
            ref={refs.username}
            label="Username"
            name="username"
            description={USERNAME_HINT}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
            withAsterisk={false}
            value={values.username}
            error={errors.username}
            onChange={(e) => update("username", e.currentTarget.value)}
            onBlur={() => blur("username")}
          />
          <TextInput
            ref={refs.email}
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            withAsterisk={false}
            value={values.email}
            error={errors.email}
            onChange={(e) => update("email", e.currentTarget.value)}
            onBlur={() => blur("email")}
          />
          <SecretInput
            ref={refs.password}
            label="Password"
            name="password"
            description={PASSWORD_HINT}
            autoComplete="new-password"
            required
            withAsterisk={false}
            value={values.password}
            error={errors.password}
            onChange={(e) => update("password", e.currentTarget.value)}
            onBlur={() => blur("password")}
          />
          <TextInput
            ref={refs.name}
            label="Full name (optional)"
            name="name"
            autoComplete="name"
            value={values.name}
            error={errors.name}
            onChange={(e) => update("name", e.currentTarget.value)}
            onBlur={() => blur("name")}
          />
          <Button type="submit" fullWidth loading={submitting}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
