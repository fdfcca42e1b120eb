// Plain JavaScript: Vite loads config dependencies from node_modules with Node itself.
import { basename, dirname } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The harness page: every section's is the same, its `dev/main.tsx` does the rest. */
const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Section dev harness</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.tsx"></script>
  </body>
</html>
`;

/** @returns {import("vite").Plugin} serves INDEX_HTML at / (sections have no index.html of their own) */
function harnessPage() {
  return {
    name: "homebase-section-dev-page",
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? "/").split("?")[0];
        if (path !== "/" && path !== "/index.html") return next();
        try {
          const html = await server.transformIndexHtml(req.url ?? "/", INDEX_HTML);
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.end(html);
        } catch (error) {
          next(error);
        }
      });
    },
  };
}

/** Where the harness sends /api: a local API (`npm start` or `npm run dev` listen on port 3000). */
export const DEFAULT_API_URL = "http://127.0.0.1:3000";

/** First and last port of the harnesses' range; each section has its own default port in it. */
const PORT_RANGE = [5200, 5999];

/**
 * A section's default harness port, the same on every machine: derived from the section's folder
 * name, so two harnesses started side by side do not ask for one port (and if another program
 * holds it, Vite takes the next free one).
 * @param {string} name
 */
export function defaultHarnessPort(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PORT_RANGE[0] + (hash % (PORT_RANGE[1] - PORT_RANGE[0] + 1));
}

/**
 * Where the harness finds the API, from the environment:
 * - `HOMEBASE_API_URL`: the API's address (default http://127.0.0.1:3000);
 * - `PUBLIC_URL`: the API's PUBLIC_URL, the Origin its cookie requests must carry (default: the
 *   API's address with localhost for its host, as the API itself defaults it).
 * @param {Record<string, string | undefined>} env
 */
export function harnessApi(env = process.env) {
  const target = new URL(env.HOMEBASE_API_URL || DEFAULT_API_URL);
  const origin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `${target.protocol}//localhost:${target.port || 80}`;
  return { target: target.origin, origin };
}

/**
 * The Vite config of a section's dev harness: `dev/vite.config.ts` is
 * `export default sectionDevConfig(import.meta.url)`. /api goes to the API at `HOMEBASE_API_URL`
 * (see harnessApi), the Origin rewritten to its PUBLIC_URL so cookie writes pass its check. The
 * port is `SECTION_DEV_PORT`, else the section's own default (defaultHarnessPort); when it is
 * taken, the next free one.
 * @param {string} devDirUrl import.meta.url of the section's dev/vite.config.ts
 * @param {number} [port] a fixed port instead
 */
export function sectionDevConfig(devDirUrl, port) {
  const root = new URL(".", devDirUrl).pathname;
  const section = basename(dirname(root));
  const { target, origin } = harnessApi();
  /** @type {import("vite").ProxyOptions} */
  const api = {
    target,
    configure: (proxy) => {
      proxy.on("proxyReq", (proxyReq) => {
        if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", origin);
      });
    },
  };
  return defineConfig({
    root,
    plugins: [react(), harnessPage()],
    define: { __HOMEBASE_API_URL__: JSON.stringify(target) },
    resolve: { dedupe: ["react", "react-dom", "@tanstack/react-query", "@mantine/core", "@mantine/hooks"] },
    server: {
      port: Number(process.env.SECTION_DEV_PORT) || port || defaultHarnessPort(section),
      strictPort: false,
      proxy: { "/api": api },
    },
  });
}
