/**
 * The ceiling of http-auth and file-stream: bare Hono routes served by @hono/node-server exactly
 * as the API is served (serve() on 0.0.0.0), in their own process. PORT from the environment.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/json", (c) => c.json({ message: "Hello, World!" }));
app.get("/healthz", (c) => c.json({ status: "ok" }));
// file-stream's ceiling: the run stream's path, no credentials, the body left unread, `{}`.
app.post("/files/:entity/:project/:run/file_stream", (c) => c.json({}));
// web-weight's baseline: the smallest page that paints text, to show what the browser alone costs.
app.get("/page", (c) =>
  c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Profile</title></head>' +
      '<body><main id="settings-content"><div><div><h1>Profile</h1></div></div><p>How others see you.</p></main></body></html>',
  ),
);

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "0.0.0.0" });
process.on("SIGTERM", () => {
  server.close();
  process.exit(0);
});
