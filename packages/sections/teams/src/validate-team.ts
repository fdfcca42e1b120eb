/** Team names follow the username rules: teams and users share one namespace of entities. */
export const TEAM_NAME_HINT = "3–32 characters: lower-case letters, digits, - and _. Used in URLs and by programs.";

const NAME = /^[a-z0-9_-]+$/;

export interface TeamFormValues {
  name: string;
  displayName: string;
}

export type TeamFormErrors = Partial<Record<keyof TeamFormValues, string>>;

/** The checks the browser can make before asking the API, which checks the same and whether the name is taken. */
export function validateTeam(values: TeamFormValues): TeamFormErrors {
  const errors: TeamFormErrors = {};
  const name = values.name.trim().toLowerCase();
  if (!name) errors.name = "Choose a team name.";
  else if (!NAME.test(name)) errors.name = "Use only letters, digits, hyphens and underscores.";
  else if (name.length < 3) errors.name = "Must be at least 3 characters.";
  else if (name.length > 32) errors.name = "Must be at most 32 characters.";
  if (values.displayName.trim().length > 64) errors.displayName = "Must be at most 64 characters.";
  return errors;
}
