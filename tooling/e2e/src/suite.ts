import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type Homebase, launchBrowser, screenshotIfFailed, startHomebase } from "./harness";

/** A server a spec starts before Homebase and stops after it: a fake GitHub, an SMTP server, a Slack receiver… */
export interface Service {
  close(): Promise<void>;
}

export interface SuiteOptions<S extends Record<string, Service>> {
  /**
   * Started one after the other, in this order, before Homebase (whose environment may point at
   * them), and closed in the reverse order once Homebase has stopped. Each is a function of no
   * arguments, e.g. `{ github: startFakeGithub, smtp: startSmtpReceiver }`.
   */
  services?: { [K in keyof S]: () => Promise<S[K]> };
  /** Environment variables for the app, or a function of the started services that returns them. */
  env?: Record<string, string> | ((services: S) => Record<string, string>);
  /** How long to wait for Homebase to answer /readyz (see `startHomebase`). */
  timeoutMs?: number;
  /**
   * Options of each test's browser context, over `{ baseURL: homebase.url, bypassCSP: true }`.
   * bypassCSP is on by default because `expectNoAxeViolations` injects axe-core as a script,
   * which the app's CSP forbids; pass `{ bypassCSP: false }` to test under the real CSP.
   */
  context?: BrowserContextOptions;
}

/** What the suite's hooks set up. Read the properties inside hooks and tests, not at module level. */
export interface Suite<S> {
  /** The app, started once for the file. */
  readonly homebase: Homebase;
  /** One Chromium for the file. */
  readonly browser: Browser;
  /** A fresh browser context for each test (15 s default timeout). */
  readonly context: BrowserContext;
  /** The context's page, for each test. */
  readonly page: Page;
  /** The started `services`, by name. */
  readonly services: S;
}

/**
 * The prologue of every browser spec. Registers, in the current file or describe block:
 * - beforeAll: starts `services`, then Homebase (with `env`) and Chromium side by side;
 * - beforeEach: a new browser context (baseURL = Homebase) with a page;
 * - afterEach: a full-page screenshot if the test failed (its path is printed), then closes the context;
 * - afterAll: closes Chromium, stops Homebase, then closes the services.
 * Returns accessors for what they set up.
 */
export function setUpSuite<S extends Record<string, Service> = Record<string, never>>(
  options: SuiteOptions<S> = {},
): Suite<S> {
  let homebase: Homebase | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const started: Partial<S> = {};
  const closeOrder: Service[] = [];

  beforeAll(async () => {
    for (const [name, start] of Object.entries(options.services ?? {}) as [keyof S, () => Promise<S[keyof S]>][]) {
      const service = await start();
      started[name] = service;
      closeOrder.unshift(service);
    }
    const env = typeof options.env === "function" ? options.env(started as S) : options.env;
    [homebase, browser] = await Promise.all([startHomebase({ env, timeoutMs: options.timeoutMs }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await homebase?.stop();
    for (const service of closeOrder) await service.close();
  });

  beforeEach(async () => {
    context = await need(browser, "browser").newContext({
      baseURL: need(homebase, "homebase").url,
      bypassCSP: true,
      ...options.context,
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
  });

  afterEach(async (ctx) => {
    await screenshotIfFailed(ctx, page);
    await context?.close();
  });

  return {
    get homebase() {
      return need(homebase, "homebase");
    },
    get browser() {
      return need(browser, "browser");
    },
    get context() {
      return need(context, "context");
    },
    get page() {
      return need(page, "page");
    },
    get services() {
      return started as S;
    },
  };
}

function need<T>(value: T | undefined, name: string): T {
  if (value === undefined) {
    throw new Error(`suite.${name} is not set up yet: read it inside a test or hook, not at module level`);
  }
  return value;
}
