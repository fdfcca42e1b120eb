import { errorMessage, useViewer } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Card, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useMySettings, useMyTeams } from "./api";
import { DefaultTeamForm } from "./default-team-form";

function Loading() {
  return (
    <Card padding="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading your defaults…</VisuallyHidden>
      <Stack gap="sm">
        <Skeleton height={14} width="45%" />
        <Skeleton height={36} />
        <Skeleton height={10} width="80%" />
      </Stack>
    </Card>
  );
}

/** Where new projects go by default, following the deployment mode and the organisation's policy. */
export default function DefaultTeamPage() {
  const viewer = useViewer();
  const settings = useMySettings();
  const teams = useMyTeams();
  const failed = [viewer, settings, teams].find((q) => q.isError);
  if (failed) {
    return (
      <ErrorFallback
        title="Could not load your defaults"
        error={errorMessage(failed.error)}
        onRetry={() => {
          for (const q of [viewer, settings, teams]) if (q.isError) void q.refetch();
        }}
      />
    );
  }
  if (!viewer.data || !settings.data || !teams.data) return <Loading />;
  // What the user may choose changes with the deployment and the organisation's policy: then the form starts over.
  const { deploymentMode, orgAllowsPublicProjects, orgAllowsCodeSaving } = settings.data;
  const key = `${deploymentMode}:${orgAllowsPublicProjects}:${orgAllowsCodeSaving}`;
  return (
    <DefaultTeamForm key={key} settings={settings.data} teams={teams.data.teams} username={viewer.data.username} />
  );
}
