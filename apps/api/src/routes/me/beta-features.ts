import { BETA_FEATURES, findBetaFeature } from "@homebase/core";
import { getUserBetaFeatures, setUserBetaFeature } from "@homebase/db";
import { createRoute } from "@hono/zod-openapi";
import type { AuthedEnv } from "../../lib/context";
import { createRouter, jsonBody, jsonResponse, problems, z } from "../../lib/openapi";
import { HttpProblem } from "../../lib/problem";

const BetaFeatureSchema = z
  .object({ key: z.string(), name: z.string(), description: z.string(), enabled: z.boolean() })
  .openapi("BetaFeature");

const list = createRoute({
  method: "get",
  path: "/",
  tags: ["Beta features"],
  summary: "The beta-feature catalogue with the caller's choices",
  responses: { 200: jsonResponse(z.object({ items: z.array(BetaFeatureSchema) }), "Catalogue"), ...problems(401) },
});

const put = createRoute({
  method: "put",
  path: "/{key}",
  tags: ["Beta features"],
  summary: "Turn a beta feature on or off",
  request: {
    params: z.object({ key: z.string().max(64) }),
    body: jsonBody(z.object({ enabled: z.boolean() }).strict()),
  },
  responses: {
    200: jsonResponse(z.object({ key: z.string(), enabled: z.boolean() }), "Saved"),
    ...problems(401, 404, 422),
  },
});

export function betaFeaturesRouter() {
  return createRouter<AuthedEnv>()
    .openapi(list, async (c) => {
      const chosen = await getUserBetaFeatures(c.var.deps.db, c.var.principal.user.id);
      const items = BETA_FEATURES.map((f) => ({ ...f, enabled: chosen.get(f.key) ?? false }));
      return c.json({ items }, 200);
    })
    .openapi(put, async (c) => {
      const { key } = c.req.valid("param");
      if (!findBetaFeature(key)) throw new HttpProblem(404, `There is no beta feature "${key}".`);
      const { enabled } = c.req.valid("json");
      const saved = await setUserBetaFeature(c.var.deps.db, {
        userId: c.var.principal.user.id,
        key,
        enabled,
        now: c.var.deps.clock.now(),
      });
      return c.json(saved, 200);
    });
}
