import { isValidRunFilePath } from "@homebase/blobs";
import {
  generateRunId,
  PROJECT_NAME_PATTERN,
  parseJsonObject,
  RUN_ID_PATTERN,
  singleLine,
  toPlainSingleLine,
  toWellFormedText,
  truncateText,
  waitDurationMsToSeconds,
} from "@homebase/core";
import { findRun, listServiceAccountsWithKeys, listUserApiKeys, type schema, writableEntities } from "@homebase/db";
import { GraphQLError } from "graphql";
import type { Context } from "hono";
import type { AppEnv, PrincipalEnv } from "../lib/context";
import { writableEntityIds } from "../lib/run-access";
import { signUploadUrl, uploadSigningKey } from "../services/run-file-uploads";
import { alertRunAndNotify, findRunForCaller, upsertRunForCaller } from "../services/runs";
import { describeViewer, viewerFlags } from "../services/viewer";

const HOMEBASE_VERSION = "0.0.0";
/** W&B's default project when a script names none. */
export const DEFAULT_PROJECT = "uncategorized";
/** Scriptable alert limits, the same as the REST route's: a title of 64 and a text of 4000 characters, a wait of at most 7 days. */
const ALERT_TITLE_MAX = 64;
const ALERT_TEXT_MAX = 4000;
const ALERT_WAIT_MAX_SECONDS = 7 * 24 * 3600;
/** At most this many files per CreateRunFiles call. */
const MAX_FILES_PER_CALL = 1000;

type Ctx = Context<AppEnv>;

function fail(message: string, code: string): never {
  throw new GraphQLError(message, { extensions: { code } });
}

/** The caller of a mutation: every mutation needs a valid API key. */
function caller(c: Ctx): Context<PrincipalEnv> {
  const principal = c.var.principal;
  if (!principal) fail("Send a valid Homebase API key (WANDB_API_KEY) to do this.", "UNAUTHENTICATED");
  if (principal.kind !== "session" && principal.scope === "read") {
    fail(
      'This API key has the "read" scope; this needs a key with the "full" scope (missing scope: full).',
      "FORBIDDEN",
    );
  }
  return c as unknown as Context<PrincipalEnv>;
}

/** Errors of the shared run rules (HttpProblem, DomainError) keep their message; nothing else leaks. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    const status = (err as { status?: number }).status;
    const code = (err as { code?: string }).code;
    if (
      (typeof status === "number" && status < 500) ||
      code === "not_found" ||
      code === "forbidden" ||
      code === "invalid"
    ) {
      fail((err as Error).message, status === 404 || code === "not_found" ? "NOT_FOUND" : "BAD_USER_INPUT");
    }
    throw err;
  }
}

function bucket(run: schema.Run, entity: { id: string; name: string }, project: { id: string; name: string }) {
  return {
    id: run.id,
    name: run.runId,
    displayName: run.name,
    description: run.notes,
    config: run.config,
    summaryMetrics: run.summaryMetrics,
    sweepName: null,
    state: run.state,
    historyLineCount: run.historyLineCount,
    project: { id: project.id, name: project.name, entity: { id: entity.id, name: entity.name, organization: null } },
  };
}

function jsonObjectText(value: unknown, field: string): string | undefined {
  if (value == null) return undefined;
  const parsed = typeof value === "string" ? parseJsonObject(value) : undefined;
  if (!parsed) fail(`${field} must be a JSON object encoded as a string.`, "BAD_USER_INPUT");
  return JSON.stringify(parsed);
}

interface UpsertBucketInput {
  id?: string | null;
  name?: string | null;
  groupName?: string | null;
  modelName?: string | null;
  entityName?: string | null;
  description?: string | null;
  displayName?: string | null;
  notes?: string | null;
  commit?: string | null;
  config?: unknown;
  host?: string | null;
  jobProgram?: string | null;
  jobType?: string | null;
  tags?: string[] | null;
  summaryMetrics?: unknown;
}

async function upsertBucket({ input }: { input: UpsertBucketInput }, c: Ctx) {
  const pc = caller(c);
  return guarded(async () => {
    let runId = input.name ?? undefined;
    let entityName = input.entityName ?? undefined;
    let projectName = input.modelName ?? undefined;
    if (!runId && input.id) {
      // A later call may name the run by its server id alone.
      const known = await findRun(pc.var.deps.db, input.id);
      if (!known || !(await writableEntityIds(pc)).has(known.run.entityId)) {
        fail(`There is no run with id "${input.id}" that you can write to.`, "NOT_FOUND");
      }
      runId = known.run.runId;
      entityName ??= known.entity;
      projectName ??= known.project;
    }
    runId ??= generateRunId();
    projectName ??= DEFAULT_PROJECT;
    if (!RUN_ID_PATTERN.test(runId)) {
      fail(
        `"${runId}" is not a valid run ID: use 1–128 letters, digits, dots, hyphens and underscores.`,
        "BAD_USER_INPUT",
      );
    }
    if (!PROJECT_NAME_PATTERN.test(projectName)) {
      fail(
        `"${projectName}" is not a valid project name: use 1–128 letters, digits, dots, hyphens and underscores.`,
        "BAD_USER_INPUT",
      );
    }
    const text = (v: string | null | undefined, max: number) => (v == null ? undefined : v.slice(0, max));
    const { run, inserted, entity, project } = await upsertRunForCaller(pc, {
      entity: entityName,
      project: projectName,
      runId,
      fields: {
        displayName: text(input.displayName, 128),
        notes: text(input.notes ?? input.description, 10_000),
        host: text(input.host, 256),
        program: text(input.jobProgram, 1024),
        groupName: text(input.groupName, 128),
        jobType: text(input.jobType, 64),
        commit: text(input.commit, 64),
        tags: input.tags ? input.tags.slice(0, 100).map((t) => t.slice(0, 64)) : undefined,
        config: jsonObjectText(input.config, "config"),
        summaryMetrics: jsonObjectText(input.summaryMetrics, "summaryMetrics"),
      },
    });
    return { bucket: bucket(run, entity, project), inserted };
  });
}

interface RunAddress {
  entityName: string;
  projectName: string;
  runName: string;
}

async function runOf(pc: Context<PrincipalEnv>, input: RunAddress) {
  const found = await findRunForCaller(pc, {
    entity: input.entityName,
    project: input.projectName,
    runId: input.runName,
  });
  if (!found) {
    fail(
      `There is no run "${input.runName}" in ${input.entityName}/${input.projectName} that you can write to.`,
      "NOT_FOUND",
    );
  }
  return found;
}

async function notifyScriptableRunAlert(
  {
    input,
  }: {
    input: RunAddress & { title: string; text: string; severity?: schema.AlertLevel | null; waitDuration?: unknown };
  },
  c: Ctx,
) {
  const pc = caller(c);
  return guarded(async () => {
    const { run } = await runOf(pc, input);
    const title = singleLine(toPlainSingleLine(input.title), ALERT_TITLE_MAX);
    if (!title) fail("Give the alert a title.", "BAD_USER_INPUT");
    let waitSeconds: number | undefined;
    if (input.waitDuration != null) {
      const ms = typeof input.waitDuration === "string" ? Number(input.waitDuration) : input.waitDuration;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
        fail("waitDuration must be a non-negative number of milliseconds.", "BAD_USER_INPUT");
      }
      waitSeconds = Math.min(waitDurationMsToSeconds(ms), ALERT_WAIT_MAX_SECONDS);
    }
    await alertRunAndNotify(pc.var.deps, run, {
      title,
      text: truncateText(toWellFormedText(input.text), ALERT_TEXT_MAX),
      level: input.severity ?? "INFO",
      waitSeconds,
    });
    return { success: true };
  });
}

async function createRunFiles({ input }: { input: RunAddress & { files: string[] } }, c: Ctx) {
  const pc = caller(c);
  return guarded(async () => {
    const { run } = await runOf(pc, input);
    if (input.files.length > MAX_FILES_PER_CALL) {
      fail(`Ask for at most ${MAX_FILES_PER_CALL} files at a time.`, "BAD_USER_INPUT");
    }
    const { config, clock } = pc.var.deps;
    const key = uploadSigningKey(config.encryptionKey);
    const origin = new URL(pc.req.url).origin;
    const now = clock.now();
    return {
      runID: run.id,
      uploadHeaders: [],
      files: input.files.map((name) => ({
        name,
        uploadUrl: isValidRunFilePath(name) ? signUploadUrl({ origin, key, runId: run.id, path: name, now }) : null,
      })),
    };
  });
}

async function entity({ name }: { name: string }, c: Ctx) {
  if (!c.var.principal) return null;
  const lower = name.trim().toLowerCase();
  const principal = c.var.principal;
  if (principal.kind === "service-account") {
    return lower === principal.team.name
      ? { id: principal.team.id, name: principal.team.name, organization: null }
      : null;
  }
  const found = (await writableEntities(c.var.deps.db, principal.user)).find((e) => e.name === lower);
  return found ? { id: found.id, name: found.name, organization: null } : null;
}

async function viewer(_args: unknown, c: Ctx) {
  const principal = c.var.principal;
  if (!principal) return null;
  const { deps } = c.var;
  const [described, flags] = await Promise.all([describeViewer(deps, principal), viewerFlags(deps, principal)]);
  const displayName = principal.kind === "service-account" ? principal.serviceAccount.name : principal.user.name;
  return {
    ...described,
    name: displayName || described.username,
    email: described.email || null,
    flags: JSON.stringify(flags),
    deletedAt: null,
    teams: { edges: described.teams.map((name) => ({ node: { name } })) },
    // Resolved only when asked for.
    apiKeys: async () => {
      const keys =
        principal.kind === "service-account"
          ? ((await listServiceAccountsWithKeys(deps.db, principal.team.id)).find(
              (a) => a.id === principal.serviceAccount.id,
            )?.apiKeys ?? [])
          : await listUserApiKeys(deps.db, { userId: principal.user.id });
      return { edges: keys.map((k) => ({ node: { id: k.id, name: k.name, description: null } })) };
    },
  };
}

function serverInfo() {
  return {
    cliVersionInfo: {},
    features: [],
    latestLocalVersionInfo: {
      outOfDate: false,
      latestVersionString: HOMEBASE_VERSION,
      versionOnThisInstanceString: HOMEBASE_VERSION,
    },
  };
}

/** The root resolvers; each receives the request's Hono context as GraphQL context. */
export const rootValue = {
  viewer,
  serverInfo,
  entity,
  upsertBucket,
  notifyScriptableRunAlert,
  createRunFiles,
};
