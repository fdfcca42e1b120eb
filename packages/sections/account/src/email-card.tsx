import { useFormState, useResendVerification, useUnsavedChanges, useViewer } from "@homebase/settings-kit";
import { ContrastBadge, SettingsCard, useSavedNotice } from "@homebase/ui";
import { FormError, Notice, SecretInput } from "@homebase/ui/forms";
import { Button, Group, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { changeEmail, type EmailChange } from "./api";
import { validateEmailChange } from "./forms";

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

const ORDER = ["email", "password"] as const;

function ResendButton({ label = "Resend link" }: { label?: string }) {
  const { send, sending, result } = useResendVerification({
    sent: (to) => `We sent a new link to ${to}.`,
    nothingWaiting: "Nothing is waiting for verification.",
  });
  return (
    <Stack gap={4} align="flex-start">
      <Button size="xs" variant="default" onClick={send} loading={sending}>
        {label}
      </Button>
      <Text size="sm" role="status">
        {result?.text}
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
  const { values, setValues, errors, setErrors, refs, focusFirst, refuse } = useFormState(
    { email: "", password: "" },
    ORDER,
  );
  const [saving, setSaving] = useState(false);
  const [saved, markSaved] = useSavedNotice();
  // Anything typed is unsaved: leaving the page (or reloading) asks first.
  const dirty = values.email.trim() !== "" || values.password !== "";
  useUnsavedChanges(dirty);

  const current = viewer.data?.email ?? "";
  const pending = storedPending && storedPending !== current ? storedPending : null;

  const onSave = async () => {
    const found = validateEmailChange(values, current);
    setErrors(found);
    if (focusFirst(found)) return;
    setSaving(true);
    try {
      const answer: EmailChange = await changeEmail(values.email.trim(), values.password);
      queryClient.setQueryData(pendingEmailKey, answer.pendingEmail);
      setValues({ email: "", password: "" });
      markSaved();
    } catch (error) {
      refuse(error, {
        fields: { email: "email", password: "password" },
        password: { field: "password", wrong: "The password is not correct." },
        placed: [409, 422],
        conflict: "email",
      });
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
        <Notice color="blue" title="Waiting for verification">
          <Stack gap="xs">
            <Text size="sm">
              We sent a link to <strong style={{ overflowWrap: "anywhere" }}>{pending}</strong>. Your address changes to
              it once you open the link (within 24 hours); until then, we keep using {current}, which was told of the
              change.
            </Text>
            <ResendButton />
          </Stack>
        </Notice>
      )}
      <FormError title="Your email address was not changed">{errors.form}</FormError>
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
      <SecretInput
        ref={refs.password}
        label="Your password"
        description="To confirm it is you."
        name="password"
        autoComplete="current-password"
        value={values.password}
        error={errors.password}
        onChange={(e) => {
          const password = e.currentTarget.value;
          setValues((v) => ({ ...v, password }));
        }}
      />
    </SettingsCard>
  );
}
