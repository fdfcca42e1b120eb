import {
  errorMessage,
  isApiError,
  queryKeys,
  resendVerification,
  tooManyAttemptsMessage,
  useUnsavedChanges,
  useViewer,
} from "@homebase/settings-kit";
import { ContrastBadge, SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, Button, Group, PasswordInput, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { changeEmail, type EmailChange } from "./api";
import { type EmailChangeErrors, validateEmailChange } from "./forms";

/**
 * The address waiting for verification after a change. GET /me does not tell it (yet), so the
 * answer of PUT /me/email is kept in the query cache for as long as the page is open.
 */
export const pendingEmailKey = ["me", "pending-email"] as const;

function usePendingEmail() {
  return useQuery<string | null>({
    queryKey: pendingEmailKey,
    queryFn: () => null,
    initialData: null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  }).data;
}

function ResendButton({ label = "Resend link" }: { label?: string }) {
  const queryClient = useQueryClient();
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const send = async () => {
    setSending(true);
    setResult(null);
    try {
      const { to } = await resendVerification();
      setResult(`We sent a new link to ${to}.`);
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.viewer });
        setResult("Nothing is waiting for verification.");
      } else {
        setResult(
          isApiError(error) && error.status === 429 ? tooManyAttemptsMessage(error.retryAfter) : errorMessage(error),
        );
      }
    } finally {
      setSending(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button size="xs" variant="default" onClick={send} loading={sending}>
        {label}
      </Button>
      <Text size="sm" role="status">
        {result}
      </Text>
    </Stack>
  );
}

/**
 * "Email address": the current address and whether it is verified, the address waiting for
 * verification, and the form that changes it (new address + password). As GitHub and GitLab
 * do, the new address is used only once its link has been opened.
 */
export function EmailCard() {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const storedPending = usePendingEmail();
  const [values, setValues] = useState({ email: "", password: "" });
  const [errors, setErrors] = useState<EmailChangeErrors & { form?: string }>({});
  const [saving, setSaving] = useState(false);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  const [saved, markSaved] = useSavedNotice();
  // Anything typed is unsaved: leaving the page (or reloading) asks first.
  const dirty = values.email.trim() !== "" || values.password !== "";
  useUnsavedChanges(dirty);

  const current = viewer.data?.email ?? "";
  const pending = storedPending && storedPending !== current ? storedPending : null;

  const onSave = async () => {
    const found = validateEmailChange(values, current);
    setErrors(found);
    if (found.email || found.password) {
      refs[found.email ? "email" : "password"].current?.focus();
      return;
    }
    setSaving(true);
    try {
      const answer: EmailChange = await changeEmail(values.email.trim(), values.password);
      queryClient.setQueryData(pendingEmailKey, answer.pendingEmail);
      setValues({ email: "", password: "" });
      markSaved();
    } catch (error) {
      if (!isApiError(error)) return setErrors({ form: errorMessage(error) });
      const fields = error.fieldErrors();
      if (error.status === 401) {
        setValues((v) => ({ ...v, password: "" }));
        setErrors({ password: fields.password ?? "The password is not correct." });
        refs.password.current?.focus();
      } else if ((error.status === 409 || error.status === 422) && (fields.email || fields.password)) {
        setErrors({ email: fields.email, password: fields.password });
        refs[fields.email ? "email" : "password"].current?.focus();
      } else if (error.status === 409) {
        setErrors({ email: error.detail });
      } else if (error.status === 429) {
        setErrors({ form: tooManyAttemptsMessage(error.retryAfter) });
      } else {
        setErrors({ form: error.detail });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsCard
      title="Email address"
      description="Where Homebase sends links, security notices and alerts."
      onSave={onSave}
      saveLabel="Change email address"
      saving={saving}
      saveDisabled={!viewer.data}
      footerHint="A new address is used once you open the link we send to it."
      saveState={{ dirty, saved }}
    >
      {viewer.data ? (
        <Group gap="sm" wrap="wrap">
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {current}
          </Text>
          {viewer.data.emailVerified ? (
            <ContrastBadge color="teal">Verified</ContrastBadge>
          ) : (
            <ContrastBadge color="yellow">Not verified</ContrastBadge>
          )}
        </Group>
      ) : (
        <Skeleton height={20} width="50%" aria-label="Loading your email address" />
      )}
      {viewer.data && !viewer.data.emailVerified && !pending && (
        <Stack gap="xs">
          <Text size="sm">Open the link we sent to this address to verify it. The link expires after 24 hours.</Text>
          <ResendButton />
        </Stack>
      )}
      {pending && (
        <Alert
          color="blue"
          variant="light"
          role="status"
          title="Waiting for verification"
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          <Stack gap="xs">
            <Text size="sm">
              We sent a link to <strong style={{ overflowWrap: "anywhere" }}>{pending}</strong>. Your address changes to
              it once you open the link (within 24 hours); until then, we keep using {current}, which was told of the
              change.
            </Text>
            <ResendButton />
          </Stack>
        </Alert>
      )}
      {errors.form && (
        <Alert color="red" variant="light" role="alert" title="Your email address was not changed">
          {errors.form}
        </Alert>
      )}
      <TextInput
        ref={refs.email}
        label="New email address"
        name="email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={254}
        value={values.email}
        error={errors.email}
        onChange={(e) => {
          const email = e.currentTarget.value;
          setValues((v) => ({ ...v, email }));
        }}
      />
      <PasswordInput
        ref={refs.password}
        label="Your password"
        description="To confirm it is you."
        name="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password}
        visibilityToggleButtonProps={{ "aria-label": "Show characters" }}
        onChange={(e) => {
          const password = e.currentTarget.value;
          setValues((v) => ({ ...v, password }));
        }}
      />
    </SettingsCard>
  );
}
