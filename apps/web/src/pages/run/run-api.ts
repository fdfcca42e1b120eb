import { apiFetch } from "@homebase/settings-kit";
import { useQuery } from "@tanstack/react-query";

/** While a run is running, its page asks again this often (heartbeat, summary, alerts, files). */
export const RUNNING_REFETCH_MS = 10_000;

export type RunState = "running" | "finished" | "crashed";
export type RunAlertKind = "run_finished" | "run_crashed" | "scriptable";
export type AlertLevel = "INFO" | "WARN" | "ERROR";

export interface RunAlert {
  id: string;
  kind: RunAlertKind;
  title: string;
  level: AlertLevel;
  status: "queued" | "throttled";
  createdAt: string;
}

export interface RunFile {
  path: string;
  size: number;
  digest: string;
  updatedAt: string;
}

/**
 * `GET /api/v1/runs/{entity}/{project}/{runId}` (API.md). Typed by hand until the route is in
 * the typed client; then derive it with `SuccessBody` as the team page does.
 */
export interface RunDetail {
  id: string;
  /** The W&B run ID, e.g. "a1b2c3d4": the last segment of the page's URL. */
  runId: string;
  entity: string;
  project: string;
  displayName: string;
  state: RunState;
  exitCode: number | null;
  createdAt: string;
  endedAt: string | null;
  lastHeartbeatAt: string;
  host: string | null;
  program: string | null;
  notes: string | null;
  tags: string[];
  summary: Record<string, unknown>;
  config: Record<string, unknown>;
  historyLineCount: number;
  alerts: RunAlert[];
  files: RunFile[];
}

export interface RunRef {
  entity: string;
  project: string;
  runId: string;
}

export const runKeys = {
  run: ({ entity, project, runId }: RunRef) => ["runs", entity, project, runId] as const,
};

export function fetchRun({ entity, project, runId }: RunRef): Promise<RunDetail> {
  const seg = encodeURIComponent;
  return apiFetch<RunDetail>(`/runs/${seg(entity)}/${seg(project)}/${seg(runId)}`);
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
