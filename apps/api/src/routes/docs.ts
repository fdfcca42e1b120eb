import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../lib/context";

const require = createRequire(import.meta.url);

let scalarBundle: string | undefined;

/**
 * /api/openapi.json, generated from the zod route definitions, and /api/docs, the Scalar
 * reference. Its script is served from our own origin: the reference works without internet.
 */
export function mountDocs(app: OpenAPIHono<AppEnv>) {
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Homebase API",
      version: "1.0.0",
      description:
        "Account settings of the Homebase experiment-tracking platform. All routes live under /api/v1.\n\n" +
        "**Idempotency-Key** (IETF draft-ietf-httpapi-idempotency-key-header): send it on any POST that creates " +
        "something (storage objects and batches, runs, run alerts, API keys, teams). The same key with the same " +
        "request within 24 h returns the first answer (header `Idempotent-Replayed: true`) and creates nothing; " +
        "the same key with a different request is 422; while the first is still processed, 409. Keys belong to the " +
        "caller. A key's secret is never replayed: retrying a key creation answers 409 naming the key created.\n\n" +
        "A full disk answers **507** with a problem document; nothing is stored.",
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "hb_session",
  });
  app.get("/api/docs/scalar.js", (c) => {
    // The package does not export its browser bundle; it sits beside the resolved entry.
    const entry = require.resolve("@scalar/api-reference");
    scalarBundle ??= readFileSync(join(dirname(entry), "browser", "standalone.js"), "utf8");
    return c.body(scalarBundle, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    });
  });
  app.get("/api/docs", Scalar({ url: "/api/openapi.json", pageTitle: "Homebase API", cdn: "/api/docs/scalar.js" }));
}
