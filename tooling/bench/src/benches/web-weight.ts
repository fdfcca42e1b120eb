import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { createAccount, startApi } from "../lib/api";
import { CHROMIUM_PATH, child, REPO_ROOT, WEB_DIR } from "../lib/paths";
import { freePort, startNode, tail, waitForHttp } from "../lib/proc";
import { benchPrefix, deletePrefix } from "../lib/redis";
import { atMost, type Bench, type Row } from "../lib/report";
import { median, percentile, round, sleep } from "../lib/stats";

const SHELL_LIMIT_KB = 150;
const SECTION_LIMIT_KB = 60;
const FCP_LIMIT_MS = 500;
const LOADS = 10;
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** `vite build --manifest` into `outDir` (not apps/web/dist, which others use); resolves with the seconds it took. */
function build(outDir: string, log: (m: string) => void): Promise<number> {
  const started = performance.now();
  const vite = join(WEB_DIR, "node_modules", ".bin", "vite");
  return new Promise((resolve, reject) => {
    const p = spawn(vite, ["build", "--manifest", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
      cwd: WEB_DIR,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    p.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    p.stderr.on("data", (c: Buffer) => {
      out += c.toString();
    });
    p.once("error", reject);
    p.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`vite build failed (${code})\n${tail(out, 40)}`));
      if (out.trim()) log(`vite: ${tail(out, 10)}`);
      resolve((performance.now() - started) / 1000);
    });
  });
}

const gz = (dist: string, file: string) => gzipSync(readFileSync(join(dist, file))).length;

/** Files (JS chunks) reachable from a manifest key through static imports. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return new Set([...seen].map((k) => manifest[k]!.file));
  seen.add(key);
  for (const k of chunk.imports ?? []) staticClosure(manifest, k, seen);
  return new Set([...seen].map((k) => manifest[k]!.file));
}

/** The section content is visible: the page is in #settings-content and no loader or skeleton is left. */
const VISIBILITY_PROBE = `(() => {
  const LOADERS = '[aria-busy="true"], .mantine-Skeleton-root[data-visible], .mantine-Loader-root';
  const visible = () => {
    const main = document.querySelector("#settings-content");
    const h1 = main && main.querySelector("h1");
    if (!main || !h1) return false;
    if (main.querySelector(LOADERS)) return false;
    for (const s of main.querySelectorAll('[role="status"]')) if (/loading/i.test(s.textContent || "")) return false;
    const header = h1.parentElement && h1.parentElement.parentElement ? h1.parentElement.parentElement : h1;
    for (const el of main.querySelectorAll("*")) {
      if (header.contains(el) || el.contains(header)) continue;
      if (el.matches("input, textarea, button, img, table, svg") || (el.children.length === 0 && (el.textContent || "").trim())) return true;
    }
    return false;
  };
  const check = () => {
    if (window.__sectionVisibleAt !== undefined || window.__sectionPending) return;
    if (!visible()) return;
    window.__sectionPending = true;
    requestAnimationFrame(() => { window.__sectionVisibleAt = performance.now(); });
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener("DOMContentLoaded", check);
})();`;

/** Runs in the page (serialized by Playwright; no DOM types here, hence the casts). */
function readTimings(): Timing {
  const g = globalThis as unknown as {
    performance: {
      getEntriesByType(t: string): { name: string; startTime: number; responseEnd: number; [k: string]: unknown }[];
      getEntriesByName(n: string): { startTime: number }[];
    };
    __sectionVisibleAt?: number;
    location: { pathname: string };
  };
  const nav = g.performance.getEntriesByType("navigation")[0];
  const fcp = g.performance.getEntriesByName("first-contentful-paint")[0];
  return {
    fcp: fcp ? fcp.startTime : null,
    visible: g.__sectionVisibleAt ?? null,
    responseEnd: nav ? nav.responseEnd : null,
    domContentLoaded: nav ? (nav.domContentLoadedEventEnd as number) : null,
    load: nav ? (nav.loadEventEnd as number) : null,
    path: g.location.pathname,
    // The waterfall: when each API call and chunk started and ended.
    resources: g.performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("/api/") || e.name.includes("/assets/"))
      .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
  };
}

interface Timing {
  fcp: number | null;
  visible: number | null;
  responseEnd: number | null;
  domContentLoaded: number | null;
  load: number | null;
  path: string;
  resources: { name: string; start: number; end: number }[];
}

export const webWeight: Bench = {
  name: "web-weight",
  title: "web-weight: shell and section chunk sizes (gzip), /settings/profile paint in headless Chromium",
  async run({ rounds, keep, log }) {
    const dir = mkdtempSync(join(tmpdir(), "homebase-bench-web-"));
    const dist = join(dir, "dist");
    log("building the web app (vite build --manifest)");
    const buildSeconds = await build(dist, log);
    const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8")) as Manifest;
    const html = readFileSync(join(dist, "index.html"), "utf8");
    const attr = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!.replace(/^\//, ""));
    const initialJs = [
      ...attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ];
    const initialCss = attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
    const initialSet = new Set(initialJs);
    const shellKb = initialJs.reduce((n, f) => n + gz(dist, f), 0) / 1000;
    const cssKb = initialCss.reduce((n, f) => n + gz(dist, f), 0) / 1000;

    const sectionsDir = join(REPO_ROOT, "packages", "sections");
    const sectionIds = readdirSync(sectionsDir).filter((id) => existsSync(join(sectionsDir, id, "src", "page.tsx")));
    const sections = sectionIds.map((id) => {
      const key = Object.keys(manifest).find((k) => k.endsWith(`packages/sections/${id}/src/page.tsx`));
      if (!key) return { id, missing: true as const };
      const page = manifest[key]!;
      const own = [...staticClosure(manifest, key)].filter((f) => !initialSet.has(f));
      const ownSet = new Set(own);
      const lazy = (page.dynamicImports ?? []).map((k) => {
        const files = [...staticClosure(manifest, k)].filter((f) => !initialSet.has(f) && !ownSet.has(f));
        return { source: manifest[k]?.src ?? k, files, kb: files.reduce((n, f) => n + gz(dist, f), 0) / 1000 };
      });
      return {
        id,
        missing: false as const,
        pageChunk: page.file,
        pageChunkKb: gz(dist, page.file) / 1000,
        files: own,
        kb: own.reduce((n, f) => n + gz(dist, f), 0) / 1000,
        lazy,
      };
    });

    // Paint timing: the API serving this build, a signed-in user, warm loads.
    const prefix = benchPrefix("web-weight");
    const api = await startApi({ dataDir: join(dir, "data"), prefix, logLevel: "warn", env: { WEB_DIST_DIR: dist } });
    const basePort = await freePort();
    const bare = startNode("bare-hono", child("bare-hono.ts"), { env: { PORT: String(basePort) } });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    try {
      await waitForHttp(`http://127.0.0.1:${basePort}/healthz`, bare);
      const account = await createAccount(api.origin);
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([{ name: "hb_session", value: account.cookie.split("=")[1]!, url: api.origin }]);
      await context.addInitScript({ content: VISIBILITY_PROBE });
      const load = async (url: string): Promise<Timing> => {
        const page = await context.newPage();
        try {
          await page.goto(url, { waitUntil: "load" });
          // Polled from here: the shell's CSP (script-src 'self') forbids Playwright's string predicates.
          const deadline = Date.now() + 15_000;
          for (;;) {
            const t = await page.evaluate(readTimings);
            if (t.visible !== null && t.fcp !== null) return t;
            if (Date.now() > deadline)
              throw new Error(`${url}: the section never became visible (${JSON.stringify(t)})`);
            await sleep(50);
          }
        } finally {
          await page.close();
        }
      };
      const subjectUrl = `${api.origin}/settings/profile`;
      const baselineUrl = `http://127.0.0.1:${basePort}/page`;
      // Cold loads fill the HTTP cache; they are not counted.
      await load(subjectUrl);
      await load(baselineUrl);
      const subject: Timing[] = [];
      const baseline: Timing[] = [];
      for (let i = 0; i < Math.max(LOADS, rounds); i++) {
        baseline.push(await load(baselineUrl));
        const t = await load(subjectUrl);
        if (t.path !== "/settings/profile") throw new Error(`/settings/profile ended at ${t.path} (not signed in?)`);
        subject.push(t);
      }
      const fcp = median(subject.map((t) => t.fcp ?? Number.NaN));
      const visible = median(subject.map((t) => t.visible ?? Number.NaN));
      log(`FCP ${subject.map((t) => round(t.fcp ?? Number.NaN, 0)).join(" ")} ms`);
      log(`section visible ${subject.map((t) => round(t.visible ?? Number.NaN, 0)).join(" ")} ms`);
      const waterfall = [...new Set(subject.flatMap((t) => t.resources.map((r) => r.name)))]
        .filter((name) => name.startsWith("/api/") || name.endsWith(".js"))
        .map((name) => {
          const hits = subject.flatMap((t) => t.resources.filter((r) => r.name === name));
          return { name, startMs: median(hits.map((h) => h.start)), endMs: median(hits.map((h) => h.end)) };
        })
        .sort((a, b) => a.startMs - b.startMs);
      for (const w of waterfall) log(`  ${w.name}: ${round(w.startMs, 0)} → ${round(w.endMs, 0)} ms (median)`);

      const rows: Row[] = [
        {
          what: `shell initial JS, gzip (${initialJs.length} files: entry + modulepreloads)`,
          unit: "KB",
          figure: shellKb,
          target: `≤ ${SHELL_LIMIT_KB} KB`,
          pass: atMost(shellKb, SHELL_LIMIT_KB),
        },
        { what: "shell initial CSS, gzip", unit: "KB", figure: cssKb },
      ];
      for (const s of sections) {
        if (s.missing) {
          rows.push({ what: `section ${s.id}: page.tsx not in the build`, unit: "", figure: Number.NaN });
          continue;
        }
        rows.push({
          what: `section ${s.id}: page chunk + its own imports, gzip`,
          unit: "KB",
          figure: s.kb,
          target: `≤ ${SECTION_LIMIT_KB} KB`,
          pass: atMost(s.kb, SECTION_LIMIT_KB),
        });
        for (const l of s.lazy) {
          rows.push({
            what: `  lazy in ${s.id}: ${l.source.replace(/^.*packages\/sections\//, "")} (no target)`,
            unit: "KB",
            figure: l.kb,
          });
        }
      }
      rows.push(
        {
          what: "/settings/profile first contentful paint, warm (median)",
          unit: "ms",
          figure: fcp,
          baseline: median(baseline.map((t) => t.fcp ?? Number.NaN)),
          target: `< ${FCP_LIMIT_MS} ms`,
          pass: fcp < FCP_LIMIT_MS,
        },
        {
          what: "/settings/profile section content visible (median)",
          unit: "ms",
          figure: visible,
          baseline: median(baseline.map((t) => t.fcp ?? Number.NaN)),
        },
        {
          what: "same, slowest of the loads",
          unit: "ms",
          figure: Math.max(...subject.map((t) => t.visible ?? Number.NaN)),
        },
        {
          what: "DOMContentLoaded (median)",
          unit: "ms",
          figure: median(subject.map((t) => t.domContentLoaded ?? Number.NaN)),
        },
        { what: "vite build", unit: "s", figure: buildSeconds },
      );
      return {
        rows,
        details: {
          gzip: "zlib default level (6), per file",
          initialJs: initialJs.map((f) => ({ file: f, gzipBytes: gz(dist, f) })),
          initialCss: initialCss.map((f) => ({ file: f, gzipBytes: gz(dist, f) })),
          sections,
          loads: { subject, baseline },
          apiWaterfall: waterfall,
          fcpMs: {
            p50: fcp,
            p90: percentile(
              subject.map((t) => t.fcp ?? Number.NaN),
              90,
            ),
          },
          visibleMs: {
            p50: visible,
            p90: percentile(
              subject.map((t) => t.visible ?? Number.NaN),
              90,
            ),
          },
          buildSeconds,
        },
        notes: [
          "section figure = its page chunk plus the chunks it imports statically that the shell has not loaded yet (what opening it downloads); lazy chunks (the intro editor) are listed apart",
          "paint: Chromium headless, warm HTTP cache, the API (LOG_LEVEL=warn) serving the build on 127.0.0.1; baseline column = a bare static page's FCP",
        ],
      };
    } finally {
      await browser.close().catch(() => undefined);
      await Promise.allSettled([api.stop(), bare.stop()]);
      await deletePrefix(prefix).catch(() => 0);
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
