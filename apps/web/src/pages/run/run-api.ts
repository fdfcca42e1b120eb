import { api, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

/** While a run is running, its page asks again this often (heartbeat, summary, alerts, files). */
export const RUNNING_REFETCH_MS = 10_000;

const run$ = api.api.v1.runs[":entity"][":project"][":runId"];

/** `GET /api/v1/runs/{entity}/{project}/{runId}`: the run as its page shows it. */
export type RunDetail = ResponseOf<typeof run$.$get>;
export type RunState = RunDetail["state"];
export type RunAlert = RunDetail["alerts"][number];
export type RunAlertKind = RunAlert["kind"];
export type AlertLevel = RunAlert["level"];
export type RunFile = RunDetail["files"][number];

export interface RunRef {
  entity: string;
  project: string;
  runId: string;
}

export const runKeys = {
  run: ({ entity, project, runId }: RunRef) => ["runs", entity, project, runId] as const,
};

export function fetchRun({ entity, project, runId }: RunRef): Promise<RunDetail> {
  // The typed client puts params into the path as they are.
  const seg = encodeURIComponent;
  return unwrap(run$.$get({ param: { entity: seg(entity), project: seg(project), runId: seg(runId) } }));
}

/** The run, refetched every 10 s while it is running (paused while the tab is hidden). */
export function useRun(ref: RunRef) {
  return useQuery({
    queryKey: runKeys.run(ref),
    queryFn: () => fetchRun(ref),
    refetchInterval: (query) => (query.state.data?.state === "running" ? RUNNING_REFETCH_MS : false),
    staleTime: 5_000,
  });
}
