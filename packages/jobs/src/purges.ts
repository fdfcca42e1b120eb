import type { JobsOptions } from "bullmq";
import type { Queues } from "./queues";

/** Purges retry 5 times, 5 s, 10 s, 20 s, … apart; each step is resumable, so a retry goes on where it stopped. */
export const PURGE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 5000 },
} as const satisfies JobsOptions;

/** The purge of one account: one job per user, however often it is enqueued (API and sweeper). */
export function purgeAccountJobId(userId: string) {
  return `purge-${userId}`;
}

/** The purge of one team: one job per team. */
export function purgeTeamJobId(teamId: string) {
  return `purge-team-${teamId}`;
}

/** Enqueues the purge of a deleted account, once per account (deduplicated by its id). */
export async function enqueuePurgeAccount(queues: Queues, userId: string) {
  return queues.enqueue("purge-account", { userId }, { ...PURGE_JOB_OPTIONS, jobId: purgeAccountJobId(userId) });
}

/** Enqueues the purge of a deleted team, once per team (deduplicated by its id). */
export async function enqueuePurgeTeam(queues: Queues, teamId: string) {
  return queues.enqueue("purge-team", { teamId }, { ...PURGE_JOB_OPTIONS, jobId: purgeTeamJobId(teamId) });
}
