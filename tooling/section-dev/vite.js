// Plain JavaScript: Vite loads config dependencies from node_modules with Node itself.
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

/**
 * The Vite config of a section's dev harness: `dev/vite.config.ts` is
 * `export default sectionDevConfig(import.meta.url, 5180)`. /api goes to a local API on
 * port 3000; the Origin is rewritten to its PUBLIC_URL so cookie writes pass its check.
 * @param {string} devDirUrl import.meta.url of the section's dev/vite.config.ts
 * @param {number} port
 */
export function sectionDevConfig(devDirUrl, port) {
  /** @type {import("vite").ProxyOptions} */
  const api = {
    target: "http://127.0.0.1:3000",
    configure: (proxy) => {
      proxy.on("proxyReq", (proxyReq) => {
        if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", "http://localhost:3000");
      });
    },
  };
  return defineConfig({
    root: new URL(".", devDirUrl).pathname,
    plugins: [react(), harnessPage()],
    resolve: { dedupe: ["react", "react-dom", "@tanstack/react-query", "@mantine/core", "@mantine/hooks"] },
    server: { port, proxy: { "/api": api } },
  });
}
