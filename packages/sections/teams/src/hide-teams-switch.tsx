import { SettingsCard } from "@homebase/ui";
import { Switch } from "@mantine/core";
import type { MySettings } from "./api";
import { useHideTeams } from "./use-hide-teams";

/** "Hide teams in public profile", saved at once. */
export function HideTeamsSwitch({ settings }: { settings: MySettings }) {
  const hide = useHideTeams();
  return (
    <SettingsCard title="Public profile">
      <Switch
        checked={settings.hideTeamsInProfile}
        onChange={(event) => hide.mutate(event.currentTarget.checked)}
        label="Hide teams in public profile"
        aria-label="Hide teams in public profile"
        description="Your public profile will not list the teams you belong to."
        labelPosition="left"
        size="md"
        styles={{
          body: { justifyContent: "space-between", gap: "var(--mantine-spacing-lg)" },
          labelWrapper: { flex: 1 },
          label: { fontWeight: 600, paddingInline: 0 },
          description: { paddingInline: 0, marginTop: 4 },
        }}
      />
    </SettingsCard>
  );
}
