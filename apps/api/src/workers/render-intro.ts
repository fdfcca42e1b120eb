/**
 * The intro render task, run by Piscina in a worker thread (loaded through render-intro.mjs;
 * see services/intro-renderer.ts). It tells the API the moment it starts, so the time limit
 * counts rendering only, not the wait in the queue or the thread's start-up.
 */
import type { MessagePort } from "node:worker_threads";
import { renderIntroHtml } from "@homebase/core/intro";

export interface RenderIntroTask {
  markdown: string;
  /** Receives `"started"` once, just before rendering begins. */
  started: MessagePort;
}

/** Markdown → sanitized HTML (packages/core `renderIntroHtml`); its errors reach the caller as rejections. */
export default function renderIntro({ markdown, started }: RenderIntroTask): string {
  started.postMessage("started");
  started.close();
  return renderIntroHtml(markdown);
}
