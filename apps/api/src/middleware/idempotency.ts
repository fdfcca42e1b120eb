import { createHash } from "node:crypto";
import { claimIdempotencyKey, completeIdempotentRequest, releaseIdempotencyKey } from "@homebase/db";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../lib/context";
import { HttpProblem, problemBody } from "../lib/problem";

/** The request header (IETF draft-ietf-httpapi-idempotency-key-header) and its size limit. */
export const IDEMPOTENCY_HEADER = "idempotency-key";
const MAX_KEY_LENGTH = 255;

/**
 * `Idempotency-Key` on POST requests: the same key with the same request (method, path, body)
 * within 24 h gets the first answer again (with `Idempotent-Replayed: true`) and creates
 * nothing; the same key with another request is 422; a retry while the first is still being
 * processed is 409. Keys belong to the caller (a user or a service account) and are kept in the
 * database, so every API process sees them and a restart forgets nothing. Answers of 5xx are not
 * kept: the retry runs again. Requests without the header are untouched.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  const principal = c.get("principal");
  if (c.req.method !== "POST" || key === undefined || !principal) return next();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new HttpProblem(400, `The Idempotency-Key header must be 1–${MAX_KEY_LENGTH} visible ASCII characters.`);
  }
  const callerId = principal.kind === "service-account" ? `sa:${principal.serviceAccount.id}` : principal.user.id;
  const body = await c.req.text();
  const requestHash = createHash("sha256").update(`POST ${c.req.path}\n`).update(body).digest("hex");
  const { db, clock } = c.get("deps");
  const claim = await claimIdempotencyKey(db, { callerId, key, requestHash, now: clock.now() });
  if (claim.state === "mismatch") {
    throw new HttpProblem(422, "This Idempotency-Key was already used for a different request. Use a new key.");
  }
  if (claim.state === "in-progress") {
    throw new HttpProblem(409, "A request with this Idempotency-Key is still being processed. Retry in a moment.", {
      headers: { "Retry-After": "1" },
    });
  }
  if (claim.state === "done") {
    return c.body(claim.body, claim.status as 200, {
      ...(claim.contentType ? { "Content-Type": claim.contentType } : {}),
      "Idempotent-Replayed": "true",
    });
  }
  try {
    await next();
  } catch (err) {
    await releaseIdempotencyKey(db, { callerId, key });
    throw err;
  }
  // Errors thrown by handlers are turned into responses by app.onError before this point.
  if (c.res.status >= 500 || c.error) {
    await releaseIdempotencyKey(db, { callerId, key });
    return;
  }
  const text = await c.res.clone().text();
  await completeIdempotentRequest(db, {
    callerId,
    key,
    ...storedAnswer(c.res.status, text, c.res.headers.get("content-type")),
  });
});

/**
 * What is kept of an answer. A new API key is shown once and only its digest is ever stored, so
 * the answer that created one is not kept: a replay says the key exists and names its ID (409).
 */
function storedAnswer(status: number, body: string, contentType: string | null) {
  try {
    const parsed = JSON.parse(body) as { key?: unknown; id?: unknown };
    if (typeof parsed.key === "string" && parsed.key.startsWith("hb_")) {
      const detail = `An earlier request with this Idempotency-Key created the API key ${String(parsed.id)}; a key is shown only once. Delete it and create another if its secret was lost.`;
      return {
        status: 409,
        body: JSON.stringify(problemBody(409, detail)),
        contentType: "application/problem+json",
      };
    }
  } catch {
    // not JSON: kept as it is
  }
  return { status, body, contentType };
}
