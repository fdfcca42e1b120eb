import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Card, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useMySettings, useMyTeams } from "./api";
import { CreateTeamForm } from "./create-team-form";
import { HideTeamsSwitch } from "./hide-teams-switch";
import { JoinableTeams } from "./joinable-teams";
import { TeamList } from "./team-list";

function LoadingTeams() {
  return (
    <Card padding="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading your teams…</VisuallyHidden>
      <Stack gap="lg">
        {[0, 1].map((row) => (
          <Stack key={row} gap={8}>
            <Skeleton height={14} width="35%" />
            <Skeleton height={10} width="20%" />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** The user's teams, teams they may join, a form to create one, and whether the public profile lists them. */
export default function TeamsPage() {
  const teams = useMyTeams();
  const settings = useMySettings();
  return (
    <Stack gap="lg">
      {teams.isPending ? (
        <LoadingTeams />
      ) : teams.isError ? (
        <ErrorFallback
          title="Could not load your teams"
          error={errorMessage(teams.error)}
          onRetry={() => void teams.refetch()}
        />
      ) : (
        <>
          <JoinableTeams teams={teams.data.joinable} />
          <TeamList teams={teams.data.teams} />
        </>
      )}
      <CreateTeamForm />
      {settings.isError ? (
        <ErrorFallback
          title="Could not load your profile settings"
          error={errorMessage(settings.error)}
          onRetry={() => void settings.refetch()}
        />
      ) : settings.data ? (
        <HideTeamsSwitch settings={settings.data} />
      ) : null}
    </Stack>
  );
}
