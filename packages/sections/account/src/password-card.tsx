import {
  errorMessage,
  isApiError,
  NEW_PASSWORD_HINT,
  tooManyAttemptsMessage,
  useUnsavedChanges,
  useViewer,
} from "@homebase/settings-kit";
import { SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, Anchor, Group, PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { changePassword, sessionsKey } from "./api";
import { type PasswordChangeErrors, type PasswordChangeValues, validatePasswordChange } from "./forms";

const EMPTY: PasswordChangeValues = { current: "", next: "", confirm: "" };
const ORDER: readonly (keyof PasswordChangeValues)[] = ["current", "next", "confirm"];

/** A password field whose show/hide toggle is not also named "…password" (one label, one field). */
function SecretField(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ "aria-label": "Show characters" }} {...props} />;
}

/** "Password": current, new and again; on success the other sessions are gone, and the card says so. */
export function PasswordCard() {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<PasswordChangeValues>(EMPTY);
  const [errors, setErrors] = useState<PasswordChangeErrors & { form?: string }>({});
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [saved, markSaved] = useSavedNotice();
  // Anything typed is unsaved: leaving the page (or reloading) asks first.
  const dirty = ORDER.some((field) => values[field] !== "");
  useUnsavedChanges(dirty);
  const refs = {
    current: useRef<HTMLInputElement>(null),
    next: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };

  const update = (field: keyof PasswordChangeValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const focusFirst = (found: PasswordChangeErrors) => {
    const first = ORDER.find((field) => found[field]);
    if (first) refs[first].current?.focus();
  };

  const onSave = async () => {
    setChanged(false);
    const found = validatePasswordChange(values);
    setErrors(found);
    if (ORDER.some((field) => found[field])) return focusFirst(found);
    setSaving(true);
    try {
      await changePassword(values.current, values.next);
      setValues(EMPTY);
      setChanged(true);
      markSaved();
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    } catch (error) {
      if (!isApiError(error)) return setErrors({ form: errorMessage(error) });
      const fields = error.fieldErrors();
      if (error.status === 401) {
        setValues((v) => ({ ...v, current: "" }));
        setErrors({ current: fields.currentPassword ?? "The current password is not correct." });
        refs.current.current?.focus();
      } else if (error.status === 422 && (fields.currentPassword || fields.newPassword)) {
        const mapped = { current: fields.currentPassword, next: fields.newPassword };
        setErrors(mapped);
        focusFirst(mapped);
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
      title="Password"
      description="When you change it, every other browser signed in to your account is signed out."
      onSave={onSave}
      saveLabel="Change password"
      saving={saving}
      footerHint="This browser stays signed in."
      saveState={{ dirty, saved }}
    >
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={viewer.data?.username ?? ""} readOnly hidden />
      {changed && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          title="Password changed"
          // The teal title fails AA contrast on its tint: text colour, as the body.
          styles={{ title: { color: "var(--mantine-color-text)" } }}
        >
          Your other sessions were signed out. Use the new password the next time you sign in.
        </Alert>
      )}
      {errors.form && (
        <Alert color="red" variant="light" role="alert" title="Your password was not changed">
          {errors.form}
        </Alert>
      )}
      <SecretField
        ref={refs.current}
        label="Current password"
        name="current-password"
        autoComplete="current-password"
        value={values.current}
        error={errors.current}
        onChange={(e) => update("current", e.currentTarget.value)}
      />
      {/* Next to the field it is about, as GitHub does; the footer shows the save status. */}
      <Group justify="flex-end" mt={-8}>
        <Anchor component={Link} to="/forgot-password" size="sm" underline="always">
          Forgot your password?
        </Anchor>
      </Group>
      <SecretField
        ref={refs.next}
        label="New password"
        name="new-password"
        description={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        value={values.next}
        error={errors.next}
        onChange={(e) => update("next", e.currentTarget.value)}
      />
      <SecretField
        ref={refs.confirm}
        label="Confirm new password"
        name="confirm-password"
        autoComplete="new-password"
        value={values.confirm}
        error={errors.confirm}
        onChange={(e) => update("confirm", e.currentTarget.value)}
      />
    </SettingsCard>
  );
}
