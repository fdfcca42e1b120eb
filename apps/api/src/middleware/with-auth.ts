import { digest, digestsEqual, parseApiKey } from "@homebase/core";
import { findApiKeyForAuth, findSessionUser, KEY_ADDRESS_TOUCH_MS, recordKeyAddress, touchApiKey } from "@homebase/db";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { clientIp } from "../lib/client-ip";
import type { AppEnv, AuthedEnv, Principal, PrincipalEnv } from "../lib/context";
import { HttpProblem } from "../lib/problem";
import { notifyNewKeyAddress } from "../services/api-key-notices";
import { createKeyFailureLimiter, type KeyFailureLimiter } from "../services/key-failure-limiter";

/** lastUsedAt is written at most this often per key. */
export const KEY_TOUCH_INTERVAL_MS = 60_000;

/** The API key of an `Authorization: Bearer KEY` or `Authorization: Basic base64("api:KEY")` header. */
export function keyFromAuthorization(header: string): string | null {
  const space = header.indexOf(" ");
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "bearer") return value;
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? null : decoded.slice(colon + 1);
  }
  return null;
}

/** The key's principal, or null for a key that is not genuine; `address` is the caller's (clientIp). */
async function principalFromKey(c: Context<AppEnv>, key: string, address: string): Promise<Principal | null> {
  // 1. Format and checksum first: malformed keys cost no database work.
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const { db, clock } = c.get("deps");
  // 2. One indexed lookup by key ID.
  const row = await findApiKeyForAuth(db, parsed.id);
  // 3. Constant-time comparison of digests; 4. deleted keys and owners have no row here.
  if (!row || !digestsEqual(row.secretDigest, digest(parsed.secret))) return null;
  const now = clock.now();
  // 5. A genuine key that no longer works says why (the wandb SDK shows this text).
  if (row.revokedAt) {
    const reason = row.revokedReason ?? "expired";
    const why = { rotated: "was rotated", leaked: "was reported as leaked", expired: "expired" }[reason];
    // Only a rotated key has a successor to turn to.
    const next =
      reason === "rotated"
        ? "Use its replacement, or create a new key in Settings → API keys."
        : "Create a new key in Settings → API keys.";
    throw new HttpProblem(
      401,
      `This API key ${why} on ${row.revokedAt.toISOString().slice(0, 10)} and no longer works. ${next}`,
    );
  }
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) {
    throw new HttpProblem(
      401,
      `This API key expired on ${row.expiresAt.toISOString().slice(0, 10)}. Rotate it or create a new one in Settings → API keys.`,
    );
  }
  recordAddressLater(c, row.id, address, now);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= KEY_TOUCH_INTERVAL_MS) {
    // Best-effort bookkeeping: a full or read-only disk must not fail the request it rides on.
    await touchApiKey(db, { id: row.id, now, minIntervalMs: KEY_TOUCH_INTERVAL_MS }).catch(() => false);
  }
  if (row.kind === "user") return { kind: "api-key", user: row.user, keyId: row.id, scope: row.scope };
  return {
    kind: "service-account",
    keyId: row.id,
    scope: row.scope,
    serviceAccount: row.serviceAccount,
    team: row.team,
  };
}

/**
 * Where a key was used, off the request's path: after the answer, at most one write a minute
 * per key and address (a per-process memo skips the database in between; the database's own
 * condition makes several processes agree). A key's first use from a new address e-mails its
 * owner. Failures are only logged: bookkeeping never fails a request.
 */
function recordAddressLater(c: Context<AppEnv>, keyId: string, address: string, now: Date) {
  const deps = c.get("deps");
  const memoKey = `${keyId} ${address}`;
  const last = addressMemo.get(memoKey);
  if (last !== undefined && now.getTime() - last < KEY_ADDRESS_TOUCH_MS) return;
  addressMemo.set(memoKey, now.getTime());
  if (addressMemo.size > 10_000) addressMemo.clear();
  const userAgent = c.req.header("user-agent") ?? null;
  setImmediate(() => {
    recordKeyAddress(deps.db, { keyId, address, userAgent, now })
      .then((seen) => (seen === "new" ? notifyNewKeyAddress(deps, keyId, address, userAgent) : undefined))
      .catch((err: Error) => deps.logger.warn({ err: err.message }, "key address not recorded"));
  });
}

const addressMemo = new Map<string, number>();

const limiters = new WeakMap<object, KeyFailureLimiter>();

function keyLimiter(c: Context<AppEnv>): KeyFailureLimiter {
  const deps = c.get("deps");
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = createKeyFailureLimiter(deps.redis, deps.config.queuePrefix, deps.config.keyFailureLimit);
    limiters.set(deps, limiter);
  }
  return limiter;
}

/**
 * Resolves the caller from an API key (Authorization header) or the session cookie. Missing
 * credentials pass: routes that need a caller sit behind requireUser or requirePrincipal.
 * An invalid key is 401 (or, with `invalidKey: "anonymous"`, an anonymous caller, as GraphQL
 * wants). Failed key attempts count per IP; over the limit they get 429.
 */
export const createWithAuth = (options: { invalidKey: "reject" | "anonymous" }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { db, config, clock } = c.get("deps");
    c.set("principal", null);
    const authorization = c.req.header("authorization");
    if (authorization) {
      const now = clock.now().getTime();
      const ip = clientIp(c, config.trustedProxies);
      const limiter = keyLimiter(c);
      const blocked = limiter.blockedFor(ip, now);
      if (blocked > 0) {
        throw new HttpProblem(429, `Too many failed API-key attempts. Try again in ${blocked} seconds.`, {
          headers: { "Retry-After": String(blocked) },
        });
      }
      const key = keyFromAuthorization(authorization);
      const principal = key ? await principalFromKey(c, key, ip) : null;
      if (!principal) {
        const wait = await limiter.recordFailure(ip, now).catch(() => 0);
        if (wait > 0) {
          throw new HttpProblem(429, `Too many failed API-key attempts. Try again in ${wait} seconds.`, {
            headers: { "Retry-After": String(wait) },
          });
        }
        if (options.invalidKey === "reject") {
          throw new HttpProblem(401, "The API key is not valid. Create a new one in Settings → API keys.");
        }
        return next();
      }
      c.set("principal", principal);
      return next();
    }
    const token = getCookie(c, config.session.cookieName);
    if (token && token.length <= 128) {
      const tokenHash = digest(token);
      const row = await findSessionUser(db, {
        tokenHash,
        now: clock.now(),
        idleTimeoutMs: config.session.idleTimeoutMs,
        touchAfterMs: config.session.touchAfterMs,
      });
      if (row) c.set("principal", { kind: "session", user: row.user, sessionTokenHash: tokenHash });
    }
    await next();
  });

export const withAuth = createWithAuth({ invalidKey: "reject" });

/** A person must be calling: 401 without credentials, 403 for a service account. */
export const requireUser = createMiddleware<AuthedEnv>(async (c, next) => {
  const principal = c.get("principal") as Principal | null;
  if (!principal) throw new HttpProblem(401, "Sign in or send a valid API key to use this route.");
  if (principal.kind === "service-account") {
    throw new HttpProblem(403, "Service accounts have no personal settings; this route is for people.");
  }
  await next();
});

/** Anyone with valid credentials, people or service accounts. */
export const requirePrincipal = createMiddleware<PrincipalEnv>(async (c, next) => {
  if (!c.get("principal")) throw new HttpProblem(401, "Sign in or send a valid API key to use this route.");
  await next();
});

/** Managing keys, deleting the account and connecting GitHub need a browser session, not a key. */
export const requireSession = createMiddleware<AuthedEnv>(async (c, next) => {
  if (c.get("principal").kind !== "session") {
    throw new HttpProblem(403, "This action needs a browser session: sign in to the Homebase web app to do it.");
  }
  await next();
});

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery guard: an unsafe request authenticated by the session cookie
 * must carry an Origin equal to PUBLIC_URL's origin.
 */
/** Whether `origin` is the web app's own: PUBLIC_URL's origin (or, with PUBLIC_URL unset, this server's loopback names). */
function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  const { publicUrl, loopbackOrigins = [] } = c.get("deps").config;
  return origin === new URL(publicUrl).origin || loopbackOrigins.includes(origin);
}

/**
 * Login CSRF guard for the routes that start or change a session without one (sign-up, login,
 * password reset): browsers always send Origin on a cross-site POST, so a present, foreign
 * Origin is refused (403) — another site cannot sign a visitor into an account of its choosing.
 * Programs send no Origin and stay allowed.
 */
export const refuseForeignOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const origin = c.req.header("origin");
  if (UNSAFE.has(c.req.method) && origin !== undefined && !isOwnOrigin(c, origin)) {
    throw new HttpProblem(403, "This request must come from the Homebase web app (the Origin header is foreign).");
  }
  await next();
});

export const requireSameOrigin = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.get("principal")?.kind === "session") {
    const origin = c.req.header("origin");
    if (!origin || !isOwnOrigin(c, origin)) {
      throw new HttpProblem(
        403,
        "This request must come from the Homebase web app (the Origin header is missing or foreign).",
      );
    }
  }
  await next();
});

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The missing-scope answer (GitHub's and GitLab's wording: the scope a key lacks). */
export function readScopeProblem(): HttpProblem {
  return new HttpProblem(
    403,
    'This API key has the "read" scope; this action needs a key with the "full" scope (missing scope: full).',
  );
}

/** A read-scoped key may only read: any other method is 403 naming the missing scope. */
export const enforceKeyScope = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get("principal");
  if (principal && principal.kind !== "session" && principal.scope === "read" && !READ_METHODS.has(c.req.method)) {
    throw readScopeProblem();
  }
  await next();
});
