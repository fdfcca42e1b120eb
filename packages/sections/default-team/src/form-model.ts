import type { MySettings, MyTeams, SettingsPatch } from "./api";

export interface LocationOption {
  value: string;
  label: string;
}

/**
 * What the organisation and the deployment let this user choose. Controls
 * that are not allowed are not shown at all (the API refuses them with 422).
 */
export function allowedControls(settings: MySettings) {
  const personal = settings.deploymentMode !== "multi-tenant";
  return {
    personalEntity: personal,
    privacy: personal && settings.orgAllowsPublicProjects,
    codeSaving: personal && settings.orgAllowsCodeSaving,
  };
}

/** The dropdown: the user's teams, and in dedicated or self-managed deployments their personal entity. */
export function locationOptions(settings: MySettings, teams: MyTeams["teams"], username: string): LocationOption[] {
  const options = teams.map((team) => ({
    value: team.name,
    label: team.displayName === team.name ? team.name : `${team.displayName} (${team.name})`,
  }));
  if (allowedControls(settings).personalEntity) {
    options.push({ value: username, label: `${username} (your personal account)` });
  }
  // A stored default the list no longer offers (a team just left) is still shown as the current value.
  if (!options.some((o) => o.value === settings.defaultEntity)) {
    options.unshift({ value: settings.defaultEntity, label: settings.defaultEntity });
  }
  return options;
}

/** How the section names an entity in prose: a team by its display name, the user's own as their personal account. */
export function entityLabel(entity: string, teams: MyTeams["teams"], username: string): string {
  if (entity === username) return `your personal account (${username})`;
  const team = teams.find((t) => t.name === entity);
  if (!team || team.displayName === team.name) return entity;
  return `${team.displayName} (${team.name})`;
}

export interface DefaultTeamValues {
  defaultEntity: string;
  defaultProjectPrivacy: "private" | "public";
  codeSavingEnabled: boolean;
}

export function valuesFrom(settings: MySettings): DefaultTeamValues {
  return {
    defaultEntity: settings.defaultEntity,
    defaultProjectPrivacy: settings.defaultProjectPrivacy,
    codeSavingEnabled: settings.codeSavingEnabled,
  };
}

/** Only the fields that changed and that the user may set. */
export function changedFields(settings: MySettings, values: DefaultTeamValues): SettingsPatch {
  const allowed = allowedControls(settings);
  const patch: SettingsPatch = {};
  if (values.defaultEntity !== settings.defaultEntity) patch.defaultEntity = values.defaultEntity;
  if (allowed.privacy && values.defaultProjectPrivacy !== settings.defaultProjectPrivacy) {
    patch.defaultProjectPrivacy = values.defaultProjectPrivacy;
  }
  if (allowed.codeSaving && values.codeSavingEnabled !== settings.codeSavingEnabled) {
    patch.codeSavingEnabled = values.codeSavingEnabled;
  }
  return patch;
}
