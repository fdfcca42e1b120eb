/**
 * Intro Markdown → sanitized HTML off the event loop. Rendering is CPU-bound and, for hostile
 * input within the 20,000-character limit, took up to 70 s or exhausted the call stack, so:
 *
 * 1. a linear nesting check runs first, on the event loop (core `assertIntroNesting`);
 * 2. the rendering itself runs in a Piscina worker-thread pool, with a time limit that starts
 *    when a thread picks the task up (queue wait and thread start-up do not count); a task
 *    over the limit is aborted, which terminates its thread (Piscina starts a fresh one);
 * 3. results are cached by the text's SHA-256, and identical renders in flight are shared,
 *    so a public profile is not rendered again on every view.
 *
 * The worker file is `workers/render-intro.mjs`, resolved from this module's URL; it loads the
 * TypeScript task under tsx (npm start, npm run dev), vitest and plain Node alike.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { assertIntroNesting, escapedIntroHtml, IntroTooDeeplyNestedError } from "@homebase/core/intro";
import { Piscina } from "piscina";
import { HttpProblem } from "../lib/problem";

/** How long one intro may take to render, in milliseconds, once a thread runs it. */
export const INTRO_RENDER_TIME_LIMIT_MS = 2_000;
/** How long a render may wait for a free thread, in milliseconds, before the API says it is busy. */
export const INTRO_RENDER_QUEUE_WAIT_MS = 30_000;

/** The intro could not be rendered within its budget (time limit, memory) or the renderer failed on it. */
export class IntroRenderError extends Error {
  readonly code = "intro_render_failed" as const;
  constructor(
    readonly reason: "time-limit" | "failed",
    readonly timeLimitMs: number,
  ) {
    super(
      reason === "time-limit"
        ? `The intro took longer than ${timeLimitMs / 1000} s to render; simplify it (fewer nested lists, quotes or emphasis).`
        : "The intro could not be rendered; simplify it (fewer nested lists, quotes, emphasis or HTML).",
    );
    this.name = "IntroRenderError";
  }
}

/** Every render thread was busy for longer than {@link INTRO_RENDER_QUEUE_WAIT_MS}, or the queue was full. */
export class IntroRenderBusyError extends Error {
  readonly code = "intro_render_busy" as const;
  constructor() {
    super("Intros cannot be rendered right now; try again in a few seconds.");
    this.name = "IntroRenderBusyError";
  }
}

export interface IntroRenderer {
  /**
   * The intro as sanitized HTML ("" when blank). Throws core's `IntroTooDeeplyNestedError`
   * (before any parsing), {@link IntroRenderError} or {@link IntroRenderBusyError}.
   */
  render(markdown: string): Promise<string>;
  /**
   * For an intro already stored (saved before these limits existed, perhaps): its HTML, or,
   * when it cannot be rendered, the text escaped in a `<pre>` (core `escapedIntroHtml`). Never throws.
   */
  renderStored(markdown: string): Promise<string>;
  /** Starts the first thread now (loading the renderer takes seconds), so the first render does not wait for it. */
  warm(): void;
  /** Stops the threads; later renders start a new pool. */
  close(): Promise<void>;
}

export interface IntroRendererOptions {
  /** Default {@link INTRO_RENDER_TIME_LIMIT_MS}. */
  timeLimitMs?: number;
  /** Default {@link INTRO_RENDER_QUEUE_WAIT_MS}. */
  queueWaitMs?: number;
  /** Threads; default half the CPUs (at least 1), so the event loop keeps a core. */
  maxThreads?: number;
  /** Renders waiting for a thread before new ones are refused as busy; default 32. */
  maxQueue?: number;
  /** Rendered intros kept (by SHA-256 of the text); default 128. */
  cacheSize?: number;
  /** How long a failed render is remembered (milliseconds), so it is not retried on every view; default 60 s. */
  failureTtlMs?: number;
}

type Outcome = { html: string } | { error: IntroRenderError; until: number };

const WORKER_FILE = new URL("../workers/render-intro.mjs", import.meta.url).href;

/** A render pool with its own threads and cache; the API uses the shared {@link introRenderer}. */
export function createIntroRenderer(options: IntroRendererOptions = {}): IntroRenderer {
  const timeLimitMs = options.timeLimitMs ?? INTRO_RENDER_TIME_LIMIT_MS;
  const queueWaitMs = options.queueWaitMs ?? INTRO_RENDER_QUEUE_WAIT_MS;
  const maxThreads = options.maxThreads ?? Math.max(1, Math.floor(availableParallelism() / 2));
  const cacheSize = options.cacheSize ?? 128;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  let pool: Piscina | undefined;
  const cache = new Map<string, Outcome>();
  const inFlight = new Map<string, Promise<string>>();

  const getPool = () =>
    (pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: 1,
      maxThreads,
      maxQueue: options.maxQueue ?? 32,
      idleTimeout: 60_000,
      // Render threads run at a lower priority (nice +10, Linux/macOS) than the event loop's thread.
      niceIncrement: 10,
      // A runaway render may not take the API's memory with it.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    }));

  const remember = (key: string, outcome: Outcome) => {
    cache.delete(key);
    cache.set(key, outcome);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
  };

  async function runInPool(markdown: string): Promise<string> {
    const { port1: started, port2: startedInWorker } = new MessageChannel();
    started.unref();
    const controller = new AbortController();
    const overTime = new IntroRenderError("time-limit", timeLimitMs);
    let timer = setTimeout(() => controller.abort(new IntroRenderBusyError()), queueWaitMs);
    started.once("message", () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(overTime), timeLimitMs);
    });
    try {
      const html: unknown = await getPool().run(
        { markdown, started: startedInWorker },
        { transferList: [startedInWorker], signal: controller.signal },
      );
      return String(html);
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      // Piscina refuses a task at once when its queue is full.
      if (error instanceof Error && /^(Task queue is at limit|No task queue available)/.test(error.message)) {
        throw new IntroRenderBusyError();
      }
      throw new IntroRenderError("failed", timeLimitMs);
    } finally {
      clearTimeout(timer);
      started.close();
    }
  }

  async function render(markdown: string): Promise<string> {
    if (markdown.trim() === "") return "";
    assertIntroNesting(markdown);
    const key = createHash("sha256").update(markdown).digest("base64url");
    const cached = cache.get(key);
    if (cached && "html" in cached) {
      remember(key, cached);
      return cached.html;
    }
    if (cached && cached.until > Date.now()) throw cached.error;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const rendering = runInPool(markdown)
      .then(
        (html) => {
          remember(key, { html });
          return html;
        },
        (error: unknown) => {
          if (error instanceof IntroRenderError) remember(key, { error, until: Date.now() + failureTtlMs });
          throw error;
        },
      )
      .finally(() => inFlight.delete(key));
    inFlight.set(key, rendering);
    return rendering;
  }

  return {
    render,
    async renderStored(markdown) {
      try {
        return await render(markdown);
      } catch {
        return escapedIntroHtml(markdown);
      }
    },
    warm() {
      getPool();
    },
    async close() {
      const closing = pool;
      pool = undefined;
      cache.clear();
      await closing?.destroy();
    },
  };
}

/**
 * The problem document for a render error: 422 naming `markdown` (too deeply nested, over the
 * time limit, or failed) or 503 with `Retry-After` (busy). Anything else is returned as is.
 */
export function introRenderProblem(error: unknown): unknown {
  if (error instanceof IntroTooDeeplyNestedError || error instanceof IntroRenderError) {
    return new HttpProblem(422, error.message, { errors: [{ path: "markdown", message: error.message }] });
  }
  if (error instanceof IntroRenderBusyError)
    return new HttpProblem(503, error.message, { headers: { "Retry-After": "5" } });
  return error;
}

let shared: IntroRenderer | undefined;

/** The process's intro renderer (created on first use; its threads start with the first render). */
export function introRenderer(): IntroRenderer {
  shared ??= createIntroRenderer();
  return shared;
}
