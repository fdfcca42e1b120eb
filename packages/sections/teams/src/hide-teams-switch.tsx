import { SettingsCard } from "@homebase/ui";
import { SettingSwitch } from "@homebase/ui/setting-switch";
import type { MySettings } from "./api";
import { useHideTeams } from "./use-hide-teams";

/** "Hide teams in public profile", saved at once. */
export function HideTeamsSwitch({ settings }: { settings: MySettings }) {
  const hide = useHideTeams();
  return (
    <SettingsCard title="Public profile">
      <SettingSwitch
        checked={settings.hideTeamsInProfile}
        onChange={(checked) => hide.mutate(checked)}
        label="Hide teams in public profile"
        description="Your public profile will not list the teams you belong to."
      />
    </SettingsCard>
  );
}
