import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

/**
 * Runs this section alone against a local API (`apps/api`, PORT 3000):
 * `pnpm --filter @homebase/section-account dev`, then open http://localhost:5185.
 */
const api: ProxyOptions = {
  target: "http://127.0.0.1:3000",
  configure: (proxy) => {
    // The API accepts cookie-authenticated writes only from its PUBLIC_URL (http://localhost:3000 by default).
    proxy.on("proxyReq", (proxyReq) => {
      if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", "http://localhost:3000");
    });
  },
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  resolve: { dedupe: ["react", "react-dom", "@tanstack/react-query", "@mantine/core", "@mantine/hooks"] },
  server: { port: 5185, proxy: { "/api": api } },
});
