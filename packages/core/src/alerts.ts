/** Alert texts, one place for e-mail and Slack alike. */

export interface RunRef {
  /** The server's id of the run. */
  id: string;
  /** The W&B run ID (the last segment of the run's URL). */
  runId: string;
  /** The display name. */
  name: string;
  entity: string;
  project: string;
}

export function runPath(run: RunRef): string {
  return `${run.entity}/${run.project}/${run.name}`;
}

export function runFinishedMessage(run: RunRef, exitCode: number) {
  return exitCode === 0
    ? {
        kind: "run_finished" as const,
        level: "INFO" as const,
        title: `Run finished: ${runPath(run)}`,
        text: `Your run ${runPath(run)} finished successfully (exit code 0).`,
      }
    : runCrashedMessage(run, `it exited with code ${exitCode}`);
}

export function runCrashedMessage(run: RunRef, reason: string) {
  return {
    kind: "run_crashed" as const,
    level: "ERROR" as const,
    title: `Run crashed: ${runPath(run)}`,
    text: `Your run ${runPath(run)} crashed: ${reason}.`,
  };
}

export function heartbeatTimeoutReason(timeoutSeconds: number): string {
  return `no heartbeat for ${timeoutSeconds} seconds`;
}

export const DEFAULT_ALERT_WAIT_SECONDS = 60;
