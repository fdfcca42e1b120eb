import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * The run page (`/runs/:entity/:project/:runId`, the "Open run" link of alerts): a program starts
 * a run with an API key, the owner watches it go from running to finished without reloading, with
 * its "Run finished" alert; another user gets the not-found page. Screenshots at desktop and phone
 * sizes go to /tmp/run-page-*.png.
 */
const suite = setUpSuite();

interface CreatedRun {
  id: string;
  runId: string;
  entity: string;
  project: string;
  name: string;
  state: string;
}

/** A program's call with the key, outside the browser. */
function withKey(key: string, path: string, body: unknown) {
  return fetch(`${suite.homebase.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The value (`<dd>`) of the run detail named `term`. */
function detail(page: Page, term: string) {
  return page.locator("dt", { hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

describe("run page", () => {
  it("shows a run going from running to finished with its alert, and is not found for another user", async () => {
    const { page, homebase } = suite;
    const owner = newAccount("run");
    await signUp(page, owner);

    // An API key, created through the API with the session (the API wants the page's Origin).
    const keyRes = await suite.context.request.post("/api/v1/me/api-keys", {
      data: { name: "run page e2e" },
      headers: { Origin: homebase.url },
    });
    expect(keyRes.status()).toBe(201);
    const { key } = (await keyRes.json()) as { key: string };

    const createdRes = await withKey(key, "/api/v1/runs", { project: "e2e-run-page", name: "bright-sun-7" });
    expect(createdRes.status).toBe(201);
    const run = (await createdRes.json()) as CreatedRun;
    expect(run.runId, "the REST create response carries the W&B run ID").toBeTruthy();
    const runPath = `/runs/${run.entity}/${run.project}/${run.runId}`;

    // Metrics arrive as the wandb SDK sends them: history lines and the latest summary on file_stream.
    const streamed = await withKey(key, `/files/${run.entity}/${run.project}/${run.runId}/file_stream`, {
      files: {
        "wandb-history.jsonl": { offset: 0, content: ['{"loss":0.5,"_step":0}', '{"loss":0.25,"_step":1}'] },
        "wandb-summary.json": { offset: 0, content: ['{"loss":0.25,"_step":1,"best":{"epoch":1,"acc":0.9}}'] },
      },
    });
    expect(streamed.status).toBe(200);

    await page.goto(runPath);
    await page.getByRole("heading", { level: 1, name: "bright-sun-7" }).waitFor();
    const state = page.getByTestId("run-state");
    expect(await state.textContent()).toBe("Running");
    const summary = page.getByRole("table", { name: "Summary metrics of bright-sun-7" });
    expect(await summary.getByRole("row", { name: /^loss/ }).textContent()).toContain("0.25");
    expect(await summary.getByRole("row", { name: /^best/ }).textContent()).toContain('"epoch": 1');
    expect(await detail(page, "History lines").textContent()).toBe("2");
    expect(await page.getByText("No alerts", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText("No files uploaded yet", { exact: true }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, "a running run's page");

    // The program finishes the run; the page, refetching every 10 s while running, follows without a reload.
    const finished = await withKey(key, `/api/v1/runs/${run.id}/finish`, { exitCode: 0 });
    expect(finished.status).toBe(200);
    await eventually(() => state.textContent(), 20_000).toBe("Finished");
    expect(await detail(page, "Exit code").textContent()).toBe("0");
    const alerts = page.getByRole("table", { name: "Alerts sent for bright-sun-7, newest first" });
    const finishedAlert = alerts.getByRole("row").filter({ hasText: "Run finished" });
    await eventually(() => finishedAlert.count(), 20_000).toBe(1);
    expect(await finishedAlert.textContent()).toContain(`Run finished: ${run.entity}/${run.project}`);
    expect(await finishedAlert.textContent()).toContain("Queued");
    await page.mouse.move(1, 1);
    await expectNoAxeViolations(page, "a finished run's page");

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: "/tmp/run-page-1280x800.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // The alerts become a list in a narrow column.
    await page.getByRole("list", { name: "Alerts sent for bright-sun-7, newest first" }).waitFor();
    await page.screenshot({ path: "/tmp/run-page-390x844.png", fullPage: true });
    await expectNoAxeViolations(page, "a finished run's page on a phone");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the page does not scroll sideways on a phone").toBeLessThanOrEqual(0);

    // Another user's browser: the run is not found, naming the entity they are not a member of.
    const strangerContext = await suite.browser.newContext({ baseURL: homebase.url, bypassCSP: true });
    try {
      const stranger = await strangerContext.newPage();
      stranger.setDefaultTimeout(15_000);
      await signUp(stranger, newAccount("stranger"));
      await stranger.goto(runPath);
      await stranger.getByRole("heading", { level: 1, name: "Run not found" }).waitFor();
      expect(await stranger.getByText(`It does not exist or you are not a member of ${run.entity}.`).count()).toBe(1);
      expect(await stranger.content()).not.toContain("bright-sun-7");
      await stranger.screenshot({ path: "/tmp/run-page-not-found.png", fullPage: true });
      await expectNoAxeViolations(stranger, "the run-not-found page");
    } finally {
      await strangerContext.close();
    }
  });
});
