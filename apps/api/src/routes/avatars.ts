import { avatarBlobs } from "@homebase/blobs";
import { createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../lib/context";
import { createRouter, problems, z } from "../lib/openapi";
import { HttpProblem } from "../lib/problem";

const getAvatar = createRoute({
  method: "get",
  path: "/{key}",
  tags: ["Profile"],
  summary: "A profile image (content-addressed, cached for a year)",
  request: { params: z.object({ key: z.string().max(64) }) },
  responses: {
    200: { description: "WebP image", content: { "image/webp": { schema: z.string().openapi({ format: "binary" }) } } },
    ...problems(404),
  },
});

/** /avatars: profile images by content key (no sign-in needed). */
export function avatarsRouter() {
  return createRouter<AppEnv>().openapi(getAvatar, async (c) => {
    const { key } = c.req.valid("param");
    const image = await avatarBlobs(c.var.deps.config.blobs).read(key);
    if (!image) throw new HttpProblem(404, "There is no such image.");
    return c.body(new Uint8Array(image), 200, {
      "Content-Type": "image/webp",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  });
}
