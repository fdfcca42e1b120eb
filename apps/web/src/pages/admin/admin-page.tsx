import { errorMessage, isApiError, useViewer } from "@homebase/settings-kit";
import { ErrorFallback, PageLoader, SectionHeader, SettingsCard } from "@homebase/ui";
import { SettingSwitch } from "@homebase/ui/setting-switch";
import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { useDocumentTitle } from "../../use-document-title";
import { type OrgSettings, POLICY_LABELS, type PolicyKey, useOrgSettings, useSetOrgPolicy } from "./admin-api";
import { QuotaCard } from "./quota-card";
import { TeamsCard } from "./teams-card";

const TITLE = "Organisation admin";
const DESCRIPTION =
  "Policies for everyone in this Homebase, storage quotas and teams. Only organisation admins see this page.";

function OnlyAdmins() {
  return (
    <>
      <SectionHeader title={TITLE} description="Organisation-wide policies and storage quotas." />
      <Text>
        Only organisation admins can open this page. Ask an organisation admin if a policy or a quota should change.{" "}
        <Anchor component={Link} to="/settings" underline="always">
          Back to your settings
        </Anchor>
        .
      </Text>
    </>
  );
}

const DESCRIPTIONS: Record<PolicyKey, string> = {
  allowPublicProjects:
    "Users may make the projects in their personal accounts public. Turning this off makes everyone's default private again.",
  allowCodeSaving:
    "Users may turn on code saving by default in their personal accounts. Turning this off turns it off for everyone.",
};

function PolicyCard({ settings }: { settings: OrgSettings }) {
  const set = useSetOrgPolicy();
  const keys = Object.keys(POLICY_LABELS) as PolicyKey[];
  return (
    <SettingsCard title="Privacy and code" description="What users may choose as defaults for their personal projects.">
      <Stack gap="lg">
        {keys.map((key) => (
          <SettingSwitch
            key={key}
            checked={settings[key]}
            onChange={(value) => set.mutate({ key, value })}
            label={POLICY_LABELS[key]}
            description={DESCRIPTIONS[key]}
          />
        ))}
      </Stack>
    </SettingsCard>
  );
}

/** /admin — organisation policy switches, storage quota overrides and the teams list (organisation admins). */
export function AdminPage() {
  useDocumentTitle("Organisation admin · Homebase");
  const viewer = useViewer();
  const isAdmin = viewer.data?.admin === true;
  const settings = useOrgSettings(isAdmin);
  if (!viewer.data) return <PageLoader />;
  if (!isAdmin || (isApiError(settings.error) && settings.error.status === 403)) return <OnlyAdmins />;
  return (
    <>
      <SectionHeader title={TITLE} description={DESCRIPTION} />
      <Stack gap="lg">
        {settings.isError ? (
          <ErrorFallback
            title="Could not load the organisation's policies"
            error={errorMessage(settings.error)}
            onRetry={() => void settings.refetch()}
          />
        ) : settings.data ? (
          <PolicyCard settings={settings.data} />
        ) : (
          <PageLoader minHeight={120} label="Loading policies…" />
        )}
        <QuotaCard />
        <TeamsCard />
      </Stack>
    </>
  );
}
