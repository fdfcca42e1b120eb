import type { Me } from "@homebase/settings-kit";
import { isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import {
  changedFields,
  clean,
  FIELD_LIMITS,
  type FieldErrors,
  isProfileField,
  type ProfileField,
  type ProfileValues,
  validateProfile,
  valuesOf,
} from "./profile-fields";
import { useUpdateProfile } from "./use-profile";

/** "12 / 64": shown once a field gets close to its limit. */
function counter(value: string, field: ProfileField) {
  const length = value.trim().length;
  const limit = FIELD_LIMITS[field];
  return length >= limit * 0.8 ? `${length} / ${limit}` : undefined;
}

/**
 * Name, institution, location, website and bio. Save stays disabled until something
 * changes; only changed fields are sent. Errors appear under the field they concern:
 * the browser's own checks first, then the API's `errors` by `path`.
 */
export function ProfileForm({ me }: { me: Me }) {
  const saved = valuesOf(me);
  const [values, setValues] = useState<ProfileValues>(saved);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [savedNotice, markSaved] = useSavedNotice();
  const update = useUpdateProfile();
  const inputs = useRef<Partial<Record<ProfileField, HTMLInputElement | HTMLTextAreaElement | null>>>({});

  const patch = changedFields(values, saved);
  const dirty = Object.keys(patch).length > 0;
  useUnsavedChanges(dirty);
  const clientErrors = validateProfile(values);
  /** Length errors show at once; a malformed website only after a save attempt (not while typing it). */
  const visibleError = (field: ProfileField): string | undefined => {
    if (serverErrors[field]) return serverErrors[field];
    const error = clientErrors[field];
    if (!error) return undefined;
    if (field === "websiteUrl" && !submitted && values.websiteUrl.trim().length <= FIELD_LIMITS.websiteUrl) {
      return undefined;
    }
    return error;
  };

  const set = (field: ProfileField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((old) => ({ ...old, [field]: value }));
    setServerErrors((old) => ({ ...old, [field]: undefined }));
  };

  /** "example.org" becomes "https://example.org" in the field itself, as it will be saved. */
  const normalizeWebsite = () => {
    setValues((old) => {
      const websiteUrl = clean("websiteUrl", old.websiteUrl);
      return websiteUrl === old.websiteUrl ? old : { ...old, websiteUrl };
    });
  };

  const focusFirst = (errors: FieldErrors) => {
    const field = (["name", "institution", "location", "websiteUrl", "bio"] as const).find((f) => errors[f]);
    if (field) inputs.current[field]?.focus();
  };

  const onSave = () => {
    normalizeWebsite();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0) {
      focusFirst(clientErrors);
      return;
    }
    update.mutate(patch, {
      onSuccess: (next) => {
        setValues(valuesOf(next));
        setServerErrors({});
        setSubmitted(false);
        markSaved();
      },
      onError: (error) => {
        if (isApiError(error)) {
          const byField: FieldErrors = {};
          const other: string[] = [];
          for (const { path, message } of error.errors) {
            if (isProfileField(path)) byField[path] ??= message;
            else other.push(message);
          }
          setServerErrors(byField);
          if (Object.keys(byField).length > 0) {
            focusFirst(byField);
            if (other.length > 0) setFormError(other.join(" "));
            return;
          }
        }
        setFormError(error.message);
      },
    });
  };

  const field = (name: ProfileField) => ({
    value: values[name],
    onChange: set(name),
    error: visibleError(name),
    ref: (element: HTMLInputElement | HTMLTextAreaElement | null) => {
      inputs.current[name] = element;
    },
  });

  return (
    <SettingsCard
      title="Public profile"
      description="Everything here is public: anyone can see it at your profile address, signed in or not."
      onSave={onSave}
      saving={update.isPending}
      saveDisabled={!dirty}
      saveState={{ dirty, saved: savedNotice }}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
        <TextInput label="Name" autoComplete="name" description={counter(values.name, "name")} {...field("name")} />
        <TextInput
          label="Institution"
          placeholder="University, lab or company"
          autoComplete="organization"
          description={counter(values.institution, "institution")}
          {...field("institution")}
        />
        <TextInput
          label="Location"
          placeholder="City, country"
          description={counter(values.location, "location")}
          {...field("location")}
        />
        <TextInput
          label="Website"
          type="url"
          inputMode="url"
          placeholder="example.com"
          autoComplete="url"
          onBlur={normalizeWebsite}
          {...field("websiteUrl")}
        />
      </SimpleGrid>
      <Textarea
        label="Bio"
        description={`A few words about you. ${values.bio.trim().length} / ${FIELD_LIMITS.bio} characters.`}
        autosize
        minRows={3}
        maxRows={10}
        {...field("bio")}
      />
      {formError && (
        <Alert color="red" variant="light" title="Your profile was not saved" role="alert">
          {formError}
        </Alert>
      )}
    </SettingsCard>
  );
}
