import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { revokeApiKeys } from "@homebase/db";
import { githubApiUrl } from "@homebase/github";
import { createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../lib/context";
import { createRouter, jsonResponse, problems, z } from "../lib/openapi";
import { HttpProblem, zodFieldErrors } from "../lib/problem";
import { notifyRevokedKeys } from "../services/api-key-notices";
import { genuineKeyId } from "../services/api-keys";

/**
 * GitHub's secret-scanning partner endpoint: GitHub finds Homebase keys pushed to public
 * repositories (they have a fixed prefix and a checksum) and posts them here, signed with one of
 * its published ECDSA P-256 keys. Every matching live key is revoked as "leaked" at once and its
 * owner is told where it was found. Protocol:
 * https://docs.github.com/en/code-security/secret-scanning/secret-scanning-partnership-program/secret-scanning-partner-program
 */

type Deps = AppEnv["Variables"]["deps"];

/** GitHub sends at most 1000 tokens a request; the body is also capped at 1 MB by the app (413). */
export const MAX_SECRET_SCANNING_TOKENS = 1000;
/** GitHub's public keys are kept this long before they are fetched again. */
export const SECRET_SCANNING_KEYS_TTL_MS = 3600_000;
/**
 * An identifier not in the cache makes the keys be fetched again (GitHub rotated them), but at
 * most this often: a flood of made-up identifiers cannot make Homebase hammer GitHub.
 */
export const SECRET_SCANNING_REFETCH_MIN_MS = 60_000;
/** After a failed fetch of the keys, the next attempt waits at least this long. */
const FAILED_FETCH_RETRY_MS = 10_000;
const FETCH_TIMEOUT_MS = 5_000;

export const SIGNATURE_HEADER = "GITHUB-PUBLIC-KEY-SIGNATURE";
export const IDENTIFIER_HEADER = "GITHUB-PUBLIC-KEY-IDENTIFIER";

/** Text GitHub sends about where a token was found, cut to `max` characters rather than refused. */
const about = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => v?.slice(0, max));

// One overlong description must not keep the batch's other leaked keys alive: GitHub would
// send the same batch again and again. Descriptions are cut, never refused.
const MatchSchema = z.object({
  token: z.string().min(1),
  type: about(256),
  url: about(2048),
  source: about(256),
});
const PayloadSchema = z.array(MatchSchema).max(MAX_SECRET_SCANNING_TOKENS);

const ResultSchema = z.array(
  z.object({
    token_raw: z.string(),
    token_type: z.string(),
    label: z.enum(["true_positive", "false_positive"]),
  }),
);

const secretScanning = createRoute({
  method: "post",
  path: "/github",
  tags: ["API keys"],
  summary: "GitHub secret-scanning partner endpoint: revokes leaked Homebase API keys that GitHub found",
  description:
    `Called by GitHub, no Homebase credentials. The body is a JSON array (at most ${MAX_SECRET_SCANNING_TOKENS}) of ` +
    "`{ token, type, url, source }`, signed by GitHub: `GITHUB-PUBLIC-KEY-SIGNATURE` is the base64 DER ECDSA P-256 " +
    "SHA-256 signature of the raw body by the key named in `GITHUB-PUBLIC-KEY-IDENTIFIER`, one of those GitHub " +
    "publishes at `/meta/public_keys/secret_scanning` of its API. A missing or bad signature is 401 and revokes " +
    "nothing. Each live Homebase key among the tokens is revoked (reason `leaked`) and its owner, or a service " +
    "account's team admins, e-mailed where it was found. The answer labels each token: `true_positive` when a live " +
    "key was revoked, `false_positive` when it is not a Homebase key, or was already revoked or expired.",
  parameters: [
    { name: SIGNATURE_HEADER, in: "header", required: true, schema: { type: "string" } },
    { name: IDENTIFIER_HEADER, in: "header", required: true, schema: { type: "string" } },
  ],
  request: {
    // A plain JSON schema, not zod: the body must be checked against the signature before it is parsed.
    body: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "array",
            maxItems: MAX_SECRET_SCANNING_TOKENS,
            items: {
              type: "object",
              required: ["token"],
              properties: {
                token: { type: "string" },
                type: { type: "string" },
                url: { type: "string" },
                source: { type: "string" },
              },
            },
          },
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ResultSchema, "One label per token, in order"),
    ...problems(400, 401, 413, 415, 422, 503),
  },
});

interface KeyCache {
  apiBase: string;
  /** key_identifier → P-256 public key. */
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

/**
 * GitHub's secret-scanning public keys, cached for an hour (per app instance). An unknown
 * identifier refetches them, at most once a minute; concurrent fetches share one request.
 */
function githubKeyStore() {
  let cache: KeyCache | undefined;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<void> | undefined;

  async function fetchKeys(deps: Deps, apiBase: string): Promise<void> {
    attemptedAt = deps.clock.now().getTime();
    try {
      const res = await fetch(`${apiBase}/meta/public_keys/secret_scanning`, {
        headers: { accept: "application/vnd.github+json", "user-agent": "homebase" },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`GitHub answered ${res.status}`);
      const body = (await res.json()) as { public_keys?: { key_identifier?: unknown; key?: unknown }[] };
      const keys = new Map<string, KeyObject>();
      for (const entry of Array.isArray(body.public_keys) ? body.public_keys : []) {
        if (typeof entry?.key_identifier !== "string" || typeof entry.key !== "string") continue;
        try {
          const key = createPublicKey(entry.key);
          if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") {
            keys.set(entry.key_identifier, key);
          }
        } catch {
          // Not a PEM public key: skipped, the others still count.
        }
      }
      if (keys.size === 0) throw new Error("GitHub published no usable P-256 key");
      cache = { apiBase, keys, fetchedAt: deps.clock.now().getTime() };
    } catch (err) {
      deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err), apiBase },
        "could not fetch GitHub's secret-scanning keys",
      );
    }
  }

  function refresh(deps: Deps, apiBase: string): Promise<void> {
    inflight ??= fetchKeys(deps, apiBase).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  /**
   * The public key GitHub publishes as `identifier`, or undefined when it publishes none by that
   * name. Throws 503 when the keys cannot be had from GitHub at all.
   */
  return async function publicKey(deps: Deps, identifier: string): Promise<KeyObject | undefined> {
    const apiBase = githubApiUrl(deps.config.githubBaseUrl ?? deps.config.github?.baseUrl ?? "https://github.com");
    const now = deps.clock.now().getTime();
    const usable = cache?.apiBase === apiBase ? cache : undefined;
    if (inflight) await inflight;
    else if (
      (!usable || now - usable.fetchedAt >= SECRET_SCANNING_KEYS_TTL_MS) &&
      now - attemptedAt >= FAILED_FETCH_RETRY_MS
    ) {
      // Expired or never fetched. After a failure, stale keys serve (or 503) until a retry is due.
      await refresh(deps, apiBase);
    }
    const current = cache?.apiBase === apiBase ? cache : undefined;
    if (!current) {
      throw new HttpProblem(503, "GitHub's secret-scanning keys are unavailable. Try again later.", {
        headers: { "Retry-After": "60" },
      });
    }
    const key = current.keys.get(identifier);
    if (key) return key;
    if (deps.clock.now().getTime() - attemptedAt < SECRET_SCANNING_REFETCH_MIN_MS) return undefined;
    await refresh(deps, apiBase);
    return cache?.keys.get(identifier);
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The public route (GitHub calls it; no Homebase credentials). */
export function secretScanningRouter() {
  const publicKey = githubKeyStore();
  return createRouter<AppEnv>().openapi(secretScanning, async (c) => {
    const { deps } = c.var;
    const signature = c.req.header(SIGNATURE_HEADER)?.trim() ?? "";
    const identifier = c.req.header(IDENTIFIER_HEADER)?.trim() ?? "";
    if (!signature || !identifier || signature.length > 512 || identifier.length > 256 || !BASE64.test(signature)) {
      throw new HttpProblem(401, `Send GitHub's ${SIGNATURE_HEADER} and ${IDENTIFIER_HEADER} headers.`);
    }
    // Verified over the exact bytes received, before anything reads them as JSON.
    const body = Buffer.from(await c.req.arrayBuffer());
    const key = await publicKey(deps, identifier);
    if (!key) throw new HttpProblem(401, `GitHub publishes no secret-scanning key ${identifier}.`);
    let valid = false;
    try {
      valid = verify("sha256", body, { key, dsaEncoding: "der" }, Buffer.from(signature, "base64"));
    } catch {
      valid = false;
    }
    if (!valid) throw new HttpProblem(401, "The signature does not match the body.");

    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new HttpProblem(400, "The body is not JSON.");
    }
    const parsed = PayloadSchema.safeParse(json);
    if (!parsed.success) {
      throw new HttpProblem(422, "Send a JSON array of { token, type, url, source }.", {
        errors: zodFieldErrors(parsed.error),
      });
    }
    const matches = parsed.data;

    const idOf = new Map<string, string | undefined>();
    for (const { token } of matches) {
      if (!idOf.has(token)) idOf.set(token, await genuineKeyId(deps, token));
    }
    const ids = [...new Set([...idOf.values()].filter((id): id is string => id !== undefined))];
    const revoked = await revokeApiKeys(deps.db, { ids, reason: "leaked", now: deps.clock.now() });
    const revokedIds = new Set(revoked.map((k) => k.id));
    // Where each revoked key was found, for its owner's e-mail (the first place GitHub names).
    const foundAt = new Map<string, string>();
    for (const { token, url } of matches) {
      const id = idOf.get(token);
      if (id && url && !foundAt.has(id)) foundAt.set(id, url);
    }
    if (revoked.length > 0) {
      deps.logger.info({ keyIds: [...revokedIds] }, "API keys revoked: GitHub secret scanning found them");
    }
    await notifyRevokedKeys(deps, revoked, (id) => foundAt.get(id));
    return c.json(
      matches.map(({ token, type }) => {
        const id = idOf.get(token);
        return {
          token_raw: token,
          token_type: type ?? "",
          label: id && revokedIds.has(id) ? ("true_positive" as const) : ("false_positive" as const),
        };
      }),
      200,
    );
  });
}
