import { api, queryKeys, type ResponseOf, unwrap } from "@homebase/settings-kit";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { FINISHED_MESSAGE_MS, JOB_POLL_MS, type StorageUsage, USAGE_REFRESH_MS } from "./model";

const v1 = api.api.v1;

/** `null` is the viewer's personal entity (`GET /me/storage`), a name is a team. */
export function storageKey(entity: string | null) {
  return ["storage", entity ?? "@me"] as const;
}

function fetchStorage(entity: string | null): Promise<StorageUsage> {
  return entity === null
    ? unwrap(v1.me.storage.$get())
    : unwrap(v1.entities[":entity"].storage.$get({ param: { entity } }));
}

const usageQuery = (entity: string | null) => ({
  queryKey: storageKey(entity),
  queryFn: () => fetchStorage(entity),
  // Polled while the page is open: objects reported by programs show within seconds.
  refetchInterval: USAGE_REFRESH_MS,
});

export function useStorage(entity: string | null) {
  return useQuery(usageQuery(entity));
}

/** The teams the viewer administers (`GET /me/teams`, role admin). */
export function useAdministeredTeams() {
  return useQuery({
    queryKey: queryKeys.myTeams,
    queryFn: () => unwrap(v1.me.teams.$get()),
    select: (data) => data.teams.filter((team) => team.role === "admin"),
  });
}

export function useTeamStorages(teams: readonly string[]) {
  return useQueries({ queries: teams.map((team) => usageQuery(team)) });
}

/** Where a recalculation job stands (`GET /storage/jobs/:id`). */
export type JobState = ResponseOf<(typeof v1.storage.jobs)[":id"]["$get"]>["state"];

export interface RecalculationStatus {
  /** Running: queued or working. */
  running: boolean;
  /** When the last recalculation finished and its figure arrived (cleared a few seconds later). */
  finishedAt: number | null;
  state: JobState | "starting" | null;
  progress: number;
  error: Error | null;
}

/**
 * "Recalculate now": queues the job, follows its progress, and reloads the usage when it is
 * done. Returns the state to show and `start`.
 */
export function useRecalculation(entity: string, usageKey: readonly unknown[]) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [finishedAt, setFinishedAt] = useState<number | null>(null);
  const usageKeyRef = useRef(usageKey);
  usageKeyRef.current = usageKey;
  const start = useMutation({
    mutationFn: () => unwrap(v1.entities[":entity"].storage.recalculate.$post({ param: { entity } })),
    onSuccess: ({ jobId }) => setJobId(jobId),
  });
  const job = useQuery({
    queryKey: ["storage-job", jobId],
    queryFn: () => unwrap(v1.storage.jobs[":id"].$get({ param: { id: jobId ?? "" } })),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === "completed" || state === "failed" ? false : JOB_POLL_MS;
    },
    gcTime: 0,
  });
  const state = job.data?.state;
  const finished = state === "completed" || state === "failed" || job.isError;

  useEffect(() => {
    if (jobId === null || !finished) return;
    if (state !== "completed") return;
    // Show the button again only once the new figure has arrived.
    let current = true;
    void queryClient.invalidateQueries({ queryKey: usageKeyRef.current }).finally(() => {
      if (!current) return;
      setJobId(null);
      setFinishedAt(Date.now());
    });
    return () => {
      current = false;
    };
  }, [jobId, finished, state, queryClient]);

  // "Recalculated" stays on screen for a few seconds, so a fast job is still seen to finish.
  useEffect(() => {
    if (finishedAt === null) return;
    const timer = setTimeout(() => setFinishedAt(null), FINISHED_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [finishedAt]);

  const status: RecalculationStatus = {
    finishedAt,
    running: start.isPending || (jobId !== null && !finished) || (state === "completed" && jobId !== null),
    state: start.isPending ? "starting" : (state ?? (jobId ? "waiting" : null)),
    progress: state === "completed" ? 100 : (job.data?.progress ?? 0),
    error:
      start.error ?? (job.isError ? job.error : state === "failed" ? new Error("The recalculation failed.") : null),
  };
  return {
    status,
    start: () => {
      setJobId(null);
      setFinishedAt(null);
      start.mutate();
    },
  };
}
