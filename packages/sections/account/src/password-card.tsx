import { NEW_PASSWORD_HINT, useFormState, useUnsavedChanges, useViewer } from "@homebase/settings-kit";
import { SettingsCard, useSavedNotice } from "@homebase/ui";
import { FormError, NewPasswordFields, Notice, SecretInput } from "@homebase/ui/forms";
import { Anchor, Group } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { changePassword, sessionsKey } from "./api";
import { type PasswordChangeValues, validatePasswordChange } from "./forms";

const EMPTY: PasswordChangeValues = { current: "", next: "", confirm: "" };
const ORDER: readonly (keyof PasswordChangeValues)[] = ["current", "next", "confirm"];

/** "Password": current, new and again; on success the other sessions are gone, and the card says so. */
export function PasswordCard() {
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const { values, setValues, errors, setErrors, refs, focusFirst, refuse } = useFormState(EMPTY, ORDER);
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);
  const [saved, markSaved] = useSavedNotice();
  // Anything typed is unsaved: leaving the page (or reloading) asks first.
  const dirty = ORDER.some((field) => values[field] !== "");
  useUnsavedChanges(dirty);

  const update = (field: keyof PasswordChangeValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSave = async () => {
    setChanged(false);
    const found = validatePasswordChange(values);
    setErrors(found);
    if (focusFirst(found)) return;
    setSaving(true);
    try {
      await changePassword(values.current, values.next);
      setValues(EMPTY);
      setChanged(true);
      markSaved();
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    } catch (error) {
      refuse(error, {
        fields: { current: "currentPassword", next: "newPassword" },
        password: { field: "current", wrong: "The current password is not correct." },
      });
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
        <Notice title="Password changed">
          Your other sessions were signed out. Use the new password the next time you sign in.
        </Notice>
      )}
      <FormError title="Your password was not changed">{errors.form}</FormError>
      <SecretInput
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
      <NewPasswordFields
        refs={{ password: refs.next, confirm: refs.confirm }}
        names={{ password: "new-password", confirm: "confirm-password" }}
        hint={NEW_PASSWORD_HINT}
        values={{ password: values.next, confirm: values.confirm }}
        errors={{ password: errors.next, confirm: errors.confirm }}
        onChange={(field, value) => update(field === "password" ? "next" : "confirm", value)}
      />
    </SettingsCard>
  );
}
