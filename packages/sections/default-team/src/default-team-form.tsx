import { errorMessage, isApiError, queryKeys, useUnsavedChanges, WANDB_ENV } from "@homebase/settings-kit";
import { SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, Checkbox, Code, NativeSelect, Radio, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type MySettings, type MyTeams, patchMySettings } from "./api";
import {
  allowedControls,
  changedFields,
  type DefaultTeamValues,
  entityLabel,
  locationOptions,
  valuesFrom,
} from "./form-model";

type FieldErrors = Partial<Record<keyof DefaultTeamValues, string>>;

const FIELDS: readonly (keyof DefaultTeamValues)[] = ["defaultEntity", "defaultProjectPrivacy", "codeSavingEnabled"];

export interface DefaultTeamFormProps {
  settings: MySettings;
  teams: MyTeams["teams"];
  username: string;
}

/** The default location for new projects and, in dedicated or self-managed deployments, personal defaults. */
export function DefaultTeamForm({ settings, teams, username }: DefaultTeamFormProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<DefaultTeamValues>(() => valuesFrom(settings));
  const [base, setBase] = useState(settings);
  if (base !== settings) {
    // Saved values changed (after a save, or a team joined elsewhere): follow them unless the user is editing.
    setBase(settings);
    if (Object.keys(changedFields(base, values)).length === 0) setValues(valuesFrom(settings));
  }
  const [errors, setErrors] = useState<FieldErrors>({});
  const [other, setOther] = useState<string | null>(null);
  const [saved, markSaved] = useSavedNotice();
  const allowed = allowedControls(settings);
  const options = locationOptions(settings, teams, username);
  const patch = changedFields(settings, values);
  const dirty = Object.keys(patch).length > 0;
  useUnsavedChanges(dirty);

  const save = useMutation({
    mutationFn: patchMySettings,
    onSuccess: async (stored) => {
      setValues(valuesFrom(stored));
      queryClient.setQueryData(queryKeys.mySettings, stored);
      markSaved();
      // The viewer carries the default entity (`entity`).
      await queryClient.invalidateQueries({ queryKey: queryKeys.viewer });
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setOther(errorMessage(error));
        return;
      }
      const placed: FieldErrors = {};
      for (const [path, message] of Object.entries(error.fieldErrors())) {
        const field = FIELDS.find((f) => f === path);
        if (field && !placed[field]) placed[field] = message;
      }
      setErrors(placed);
      setOther(Object.keys(placed).length > 0 ? null : error.detail);
    },
  });

  const set = <K extends keyof DefaultTeamValues>(field: K, value: DefaultTeamValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  return (
    <SettingsCard
      title="Defaults for new projects"
      description="Used when a program creates a run or a project without naming where it goes."
      onSave={() => {
        setErrors({});
        setOther(null);
        save.mutate(patch);
      }}
      saving={save.isPending}
      saveDisabled={!dirty}
      saveState={{ dirty, saved }}
    >
      {other && (
        <Alert color="red" role="alert" title="Could not save your defaults">
          {other}
        </Alert>
      )}
      <Text data-testid="runs-go-to">
        Runs from your scripts go to <strong>{entityLabel(settings.defaultEntity, teams, username)}</strong>.
        {patch.defaultEntity !== undefined && (
          <>
            {" "}
            Once you save, they go to <strong>{entityLabel(patch.defaultEntity, teams, username)}</strong>.
          </>
        )}
      </Text>
      <Stack gap="xs">
        <NativeSelect
          label="Default location to create new projects in"
          description={
            allowed.personalEntity
              ? "One of your teams, or your personal account."
              : "One of your teams. New projects and runs go there unless a program names another."
          }
          data={options}
          value={values.defaultEntity}
          onChange={(event) => set("defaultEntity", event.currentTarget.value)}
          error={errors.defaultEntity}
        />
        <Text size="sm" c="dimmed">
          Runs from the wandb SDK go here unless the script passes <Code>entity=</Code> to <Code>wandb.init()</Code> or
          sets the <Code>{WANDB_ENV.entity}</Code> environment variable; programs calling the API directly can send the{" "}
          <Code>X-Homebase-Entity</Code> header. Either must name one of your teams
          {allowed.personalEntity ? " or your username" : ""}.
        </Text>
      </Stack>
      {allowed.privacy && (
        <Radio.Group
          label="Default project privacy in your personal account"
          description="New projects in your personal account start with this visibility."
          value={values.defaultProjectPrivacy}
          onChange={(value) => set("defaultProjectPrivacy", value === "public" ? "public" : "private")}
          error={errors.defaultProjectPrivacy}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="private" label="Private" description="Only you can see them." />
            <Radio value="public" label="Public" description="Anyone with the link can view them." />
          </Stack>
        </Radio.Group>
      )}
      {allowed.codeSaving && (
        <Checkbox
          label="Enable code saving in your personal account"
          description="Runs in your personal projects save the code that started them."
          checked={values.codeSavingEnabled}
          onChange={(event) => set("codeSavingEnabled", event.currentTarget.checked)}
          error={errors.codeSavingEnabled}
        />
      )}
    </SettingsCard>
  );
}
