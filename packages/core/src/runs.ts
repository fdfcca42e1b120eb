import { randomInt } from "node:crypto";

/**
 * Run rules shared by the REST run routes and the wandb SDK's protocol (GraphQL UpsertBucket,
 * file_stream). Pure: no I/O.
 */

/** The states of a run, as W&B names them. */
export const RUN_STATES = ["running", "finished", "crashed"] as const;
export type RunState = (typeof RUN_STATES)[number];

/**
 * A run ID (W&B's `run.id`, the bucket `name` of UpsertBucket): 1–128 characters of
 * `[A-Za-z0-9._-]`. W&B forbids `/ \ # ? % :` in run IDs because the ID is a URL segment; this
 * is the same rule stated as an allowlist. The SDK generates 8 characters of `[a-z0-9]`.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Project names: 1–128 characters of `[A-Za-z0-9._-]` (the SDK's own project-name check is looser; W&B refuses `/\#?%:`). */
export const PROJECT_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

const RUN_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A new run ID as the wandb SDK makes them: 8 characters of `[a-z0-9]` (wandb.util.generate_id). */
export function generateRunId(length = 8): string {
  let id = "";
  for (let i = 0; i < length; i++) id += RUN_ID_ALPHABET[randomInt(RUN_ID_ALPHABET.length)];
  return id;
}

const ADJECTIVES = [
  "amber",
  "bold",
  "calm",
  "dawn",
  "eager",
  "fancy",
  "gentle",
  "hazy",
  "icy",
  "jolly",
  "lucid",
  "misty",
  "noble",
  "quiet",
  "rapid",
  "solar",
  "tidy",
  "vivid",
  "witty",
  "zesty",
];
const NOUNS = [
  "aurora",
  "breeze",
  "cloud",
  "dream",
  "ember",
  "field",
  "grove",
  "harbor",
  "island",
  "jungle",
  "lake",
  "meadow",
  "night",
  "ocean",
  "planet",
  "river",
  "sky",
  "thunder",
  "valley",
  "wave",
];

/** A friendly display name when none is given, as W&B makes them: adjective-noun-number. */
export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1, 1000)}`;
}

/** The state an exit code ends a run in: 0 is finished, anything else crashed (W&B's rule). */
export function stateForExitCode(exitCode: number): "finished" | "crashed" {
  return exitCode === 0 ? "finished" : "crashed";
}

/**
 * Whether a run that reports again comes back to life: only a run the heartbeat watchdog marked
 * crashed (no exit code) returns to running when its stream resumes, as in W&B. A run that
 * ended with an exit code stays ended.
 */
export function isRevivable(run: { state: RunState; exitCode: number | null }): boolean {
  return run.state === "crashed" && run.exitCode === null;
}

/** The run page of the web app: `PUBLIC_URL/runs/:entity/:project/:runId`. */
export function runPageUrl(publicUrl: string, run: { entity: string; project: string; runId: string }): string {
  const seg = encodeURIComponent;
  return `${publicUrl.replace(/\/$/, "")}/runs/${seg(run.entity)}/${seg(run.project)}/${seg(run.runId)}`;
}

/**
 * `run.alert(wait_duration=…)` reaches the server as milliseconds (GraphQL `Duration`); the REST
 * route takes seconds. Both become seconds here; negative or non-finite values are refused.
 */
export function waitDurationMsToSeconds(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError("waitDuration must be a non-negative number of milliseconds");
  return ms / 1000;
}

/**
 * The run's summary from a `wandb-summary.json` line or UpsertBucket `summaryMetrics`: a JSON
 * object, else undefined (the SDK always sends an object; anything else is ignored, not stored).
 */
export function parseJsonObject(text: string | null | undefined): Record<string, unknown> | undefined {
  if (typeof text !== "string" || text.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
