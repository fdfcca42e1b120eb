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
  const app = new Hono<AppEnv>();
  app.use("/assets/*", async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  });
  app.use("*", serveStatic({ root: distDir }));
  // A missing hashed asset is a 404, never the app's HTML under a script's name.
  app.get("/assets/*", (c) => c.text("Not found", 404));
  app.get("*", (c) => {
    if (!existsSync(indexFile)) {
      return c.text("The web app is not built yet. Run `npm start`, which builds it.", 503);
    }
    // Read each time (it is small and cached by the OS), so a rebuild needs no restart.
    return c.html(readFileSync(indexFile, "utf8"), 200, {
      "Cache-Control": "no-cache",
      "Content-Security-Policy": CSP,
    });
  });
  return app;
}
