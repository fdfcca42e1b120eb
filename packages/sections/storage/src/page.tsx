import { errorMessage, useViewer } from "@homebase/settings-kit";
import { ErrorFallback, formatBytes } from "@homebase/ui";
import { Anchor, Stack, Text } from "@mantine/core";
import { storageKey, useAdministeredTeams, useStorage, useTeamStorages } from "./api";
import { EntityStorage } from "./entity-storage";
import { PLANS_URL, type StorageUsage } from "./model";

/** The deployment's default plan (from the API: its DEFAULT_STORAGE_QUOTA_BYTES) and the viewer's own quota if it differs. */
function PlanLine({ usage }: { usage: Pick<StorageUsage, "quotaBytes" | "defaultQuotaBytes"> | undefined }) {
  if (!usage) return null;
  return (
    <Text size="sm" c="dimmed">
      The default plan includes {formatBytes(usage.defaultQuotaBytes)} for you and for each team.
      {usage.quotaBytes !== usage.defaultQuotaBytes
        ? ` Your administrator set your quota to ${formatBytes(usage.quotaBytes)}.`
        : ""}{" "}
      <Anchor href={PLANS_URL} target="_blank" rel="noreferrer" underline="always">
        About storage plans
      </Anchor>
    </Text>
  );
}

function TeamsStorage() {
  const teams = useAdministeredTeams();
  const names = teams.data?.map((team) => team.name) ?? [];
  const storages = useTeamStorages(names);
  if (teams.isError) {
    return (
      <ErrorFallback
        title="Could not load your teams"
        error={errorMessage(teams.error)}
        onRetry={() => void teams.refetch()}
      />
    );
  }
  if (!teams.data || teams.data.length === 0) return null;
  return (
    <>
      {teams.data.map((team, index) => {
        const query = storages[index];
        if (!query) return null;
        return (
          <EntityStorage
            key={team.name}
            title={team.displayName || team.name}
            description={`Team ${team.name}, which you administer.`}
            query={query}
            usageKey={storageKey(team.name)}
          />
        );
      })}
    </>
  );
}

/** Storage: your usage against the plan, and that of each team you administer. Refreshes on its own. */
export default function StoragePage() {
  const viewer = useViewer();
  const mine = useStorage(null);
  return (
    <Stack gap="lg">
      <EntityStorage
        title="Your storage"
        description={`Artifacts, run files and media stored under ${viewer.data?.username ?? "your account"}.`}
        query={mine}
        usageKey={storageKey(null)}
        footerHint={<PlanLine usage={mine.data} />}
      />
      <TeamsStorage />
    </Stack>
  );
}
