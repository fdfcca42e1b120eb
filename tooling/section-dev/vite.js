// Plain JavaScript: Vite loads config dependencies from node_modules with Node itself.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

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
    plugins: [react()],
    resolve: { dedupe: ["react", "react-dom", "@tanstack/react-query", "@mantine/core", "@mantine/hooks"] },
    server: { port, proxy: { "/api": api } },
  });
}
