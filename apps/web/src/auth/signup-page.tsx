import { ApiError, errorMessage, NEW_PASSWORD_HINT, signup, useFieldRefs } from "@homebase/settings-kit";
import { FormError, SecretInput } from "@homebase/ui/forms";
import { Button, Stack, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { AuthFooterLink, AuthShell } from "./auth-shell";
import { keepingNext, safeNext } from "./safe-next";
import {
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
  const { refs, focusFirst: focusFirstError } = useFieldRefs(ORDER);

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
    if (focusFirstError(found)) return;
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

  const loginHref = keepingNext("/login", params);
  return (
    <AuthShell
      title="Create your account"
      footer={<AuthFooterLink question="Already have an account?" to={loginHref} label="Sign in" />}
    >
      <form onSubmit={onSubmit} noValidate aria-label="Create account">
        <Stack gap="md">
          <FormError title="Could not create the account">{formError}</FormError>
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
            description={NEW_PASSWORD_HINT}
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
