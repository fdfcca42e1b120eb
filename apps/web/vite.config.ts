import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";
import { mantineScrollAreaRefs } from "./build-plugins.ts";
import { settingsSections } from "./settings-sections.ts";

/** Where the API listens in development: its PORT (3000 by default) on loopback. */
const apiPort = process.env.PORT ?? "3000";
const apiTarget = `http://127.0.0.1:${apiPort}`;
/**
 * The API accepts cookie-authenticated POST/PUT/DELETE only with `Origin` equal
 * to its PUBLIC_URL. The dev server is another origin, so the proxy presents
 * the browser's requests as coming from PUBLIC_URL.
 */
const apiPublicUrl = process.env.PUBLIC_URL ?? `http://localhost:${apiPort}`;

const toApi: ProxyOptions = {
  target: apiTarget,
  changeOrigin: false,
  configure: (proxy) => {
    proxy.on("proxyReq", (proxyReq) => {
      if (proxyReq.getHeader("origin")) proxyReq.setHeader("origin", new URL(apiPublicUrl).origin);
    });
  },
};

export default defineConfig({
  plugins: [react(), settingsSections(), mantineScrollAreaRefs()],
  resolve: {
    // Sections are separate packages: make sure they share the shell's single copy of each runtime.
    dedupe: [
      "react",
      "react-dom",
      "react-router",
      "@tanstack/react-query",
      "@mantine/core",
      "@mantine/hooks",
      "@mantine/notifications",
    ],
  },
  server: {
    port: 5173,
    proxy: { "/api": toApi, "/healthz": toApi, "/readyz": toApi, "/graphql": toApi },
  },
  preview: {
    port: 4173,
    proxy: { "/api": toApi, "/healthz": toApi, "/readyz": toApi, "/graphql": toApi },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: true,
    target: "es2022",
  },
});
