import { errorMessage, isApiError, useRefreshMemberships, useUnsavedChanges } from "@homebase/settings-kit";
import { notifySuccess, SettingsCard } from "@homebase/ui";
import { Alert, Anchor, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type ChangeEvent, useState } from "react";
import { createTeam } from "./api";
import { teamHref } from "./team-list";
import { TEAM_NAME_HINT, type TeamFormErrors, type TeamFormValues, validateTeam } from "./validate-team";

const EMPTY: TeamFormValues = { name: "", displayName: "" };

/** Puts the API's answer under the field it concerns; a 409 is always the name ("taken"). */
function errorsFromApi(error: unknown): { fields: TeamFormErrors; other: string | null } {
  if (!isApiError(error)) return { fields: {}, other: errorMessage(error) };
  const fields: TeamFormErrors = {};
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    if ((path === "name" || path === "displayName") && !fields[path]) fields[path] = message;
  }
  if (error.status === 409 && !fields.name) fields.name = error.detail;
  return { fields, other: Object.keys(fields).length > 0 ? null : error.detail };
}

/** Creates a team; the creator becomes its admin. */
export function CreateTeamForm() {
  const refresh = useRefreshMemberships();
  const [values, setValues] = useState<TeamFormValues>(EMPTY);
  const [errors, setErrors] = useState<TeamFormErrors>({});
  const [other, setOther] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; displayName: string } | null>(null);
  useUnsavedChanges(values.name.trim() !== "" || values.displayName.trim() !== "");

  const create = useMutation({
    mutationFn: (input: { name: string; displayName?: string }) => createTeam(input),
    onSuccess: async (team) => {
      setValues(EMPTY);
      setCreated(team);
      notifySuccess(`${team.displayName} is ready. You are its admin.`, "Team created");
      await refresh();
    },
    onError: (error) => {
      const placed = errorsFromApi(error);
      setErrors(placed.fields);
      setOther(placed.other);
    },
  });

  const onSave = () => {
    const found = validateTeam(values);
    setErrors(found);
    setOther(null);
    setCreated(null);
    if (Object.keys(found).length > 0) return;
    const displayName = values.displayName.trim();
    create.mutate({ name: values.name.trim().toLowerCase(), ...(displayName ? { displayName } : {}) });
  };

  const change = (field: keyof TeamFormValues) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  return (
    <SettingsCard
      title="Create a team"
      description="Work on projects together. You become the team's admin and can add members afterwards."
      onSave={onSave}
      saveLabel="Create team"
      saving={create.isPending}
    >
      {other && (
        <Alert color="red" role="alert" title="Could not create the team">
          {other}
        </Alert>
      )}
      {created && (
        <Text size="sm" role="status">
          Created{" "}
          <Anchor href={teamHref(created.name)} fw={600}>
            {created.displayName}
          </Anchor>
          . Open it to add members.
        </Text>
      )}
      <TextInput
        label="Team name"
        name="name"
        description={TEAM_NAME_HINT}
        value={values.name}
        onChange={change("name")}
        error={errors.name}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
      />
      <TextInput
        label="Display name"
        name="displayName"
        description="Optional. Shown in lists instead of the team name."
        value={values.displayName}
        onChange={change("displayName")}
        error={errors.displayName}
        autoComplete="off"
        maxLength={80}
      />
    </SettingsCard>
  );
}
