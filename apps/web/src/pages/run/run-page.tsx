import { errorMessage, isApiError } from "@homebase/settings-kit";
import { ErrorFallback, PageLoader, SectionHeader } from "@homebase/ui";
import { Anchor, Code, Stack, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { useDocumentTitle } from "../../use-document-title";
import { type RunRef, useRun } from "./run-api";
import { RunDetails, RunStateBadge } from "./run-details";
import { AlertsTable, FilesTable, SummaryTable } from "./run-tables";

function RunNotFound({ entity, project, runId }: RunRef) {
  useDocumentTitle("Run not found · Homebase");
  return (
    <>
      <SectionHeader title="Run not found" description={`It does not exist or you are not a member of ${entity}.`} />
      <Stack gap="sm">
        <Text>
          There is no run <Code>{runId}</Code> in <Code>{`${entity}/${project}`}</Code> that you can see. Runs are
          visible to the members of their team (or, in a personal account, to its owner) only.
        </Text>
        <Text>
          If the run belongs to a team, ask one of its admins to add you. Your teams are listed in{" "}
          <Anchor component={Link} to="/settings/teams" underline="always">
            your Teams settings
          </Anchor>
          .
        </Text>
      </Stack>
    </>
  );
}

/**
 * /runs/:entity/:project/:runId — one run: its state, times, summary metrics, the alerts sent for
 * it and its files. The "Open run" link of alert emails and Slack messages points here.
 */
export function RunPage() {
  const params = useParams();
  const ref: RunRef = { entity: params.entity ?? "", project: params.project ?? "", runId: params.runId ?? "" };
  const run = useRun(ref);
  const data = run.data;
  useDocumentTitle(`${data?.displayName ?? ref.runId} · ${ref.entity}/${ref.project} · Homebase`);

  if (run.isError && !data) {
    if (isApiError(run.error) && run.error.status === 404) return <RunNotFound {...ref} />;
    return (
      <ErrorFallback
        title="Could not load this run"
        error={errorMessage(run.error)}
        onRetry={() => void run.refetch()}
      />
    );
  }
  if (!data) return <PageLoader label="Loading the run…" />;

  return (
    <>
      <SectionHeader
        title={data.displayName}
        description={
          <>
            Run <Code>{data.runId}</Code> in {data.entity}/{data.project}
            {data.state === "running" ? " · updates every 10 seconds" : ""}
          </>
        }
        actions={<RunStateBadge state={data.state} />}
      />
      <Stack gap="lg">
        {run.isError && (
          <ErrorFallback
            title="Could not refresh this run"
            error={errorMessage(run.error)}
            onRetry={() => void run.refetch()}
          />
        )}
        <RunDetails run={data} />
        <SummaryTable run={data} />
        <AlertsTable run={data} />
        <FilesTable run={data} />
      </Stack>
    </>
  );
}
