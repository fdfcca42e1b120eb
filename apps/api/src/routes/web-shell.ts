import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../lib/context";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets CSS variables through style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/**
 * Serves the built settings shell: hashed assets with a year of cache, and index.html
 * (never cached) for every other path, so client-side routes survive a reload.
 */
export function webShellRouter(distDir: string) {
  const indexFile = join(distDir, "index.html");
  let indexHtml: string | undefined;
  const app = new Hono<AppEnv>();
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.use("*", serveStatic({ root: distDir }));
  app.get("*", (c) => {
    if (!existsSync(indexFile)) {
      return c.text("The web app is not built yet. Run `npm start`, which builds it.", 503);
    }
    indexHtml ??= readFileSync(indexFile, "utf8");
    return c.html(indexHtml, 200, { "Cache-Control": "no-cache", "Content-Security-Policy": CSP });
  });
  return app;
}
