import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { routes } from "../../router";
import { type ApiHandlers, problem, renderRoutes, signedIn, TEAM_MEMBER } from "../../test/render";
import { RUNNING_REFETCH_MS, type RunDetail } from "./run-api";

const RUN_PATH = "/api/v1/runs/acme/mnist/a1b2c3d4";

function run(overrides: Partial<RunDetail> = {}): RunDetail {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  return {
    id: "0f4c1c53-7f9e-4c36-9d55-2a3e0c1f7b10",
    runId: "a1b2c3d4",
    entity: "acme",
    project: "mnist",
    displayName: "bright-sun-7",
    state: "finished",
    exitCode: 0,
    createdAt: minutesAgo(30),
    endedAt: minutesAgo(2),
    lastHeartbeatAt: minutesAgo(2),
    host: "gpu-box-1",
    program: "train.py",
    notes: null,
    tags: [],
    summary: { loss: 0.125, accuracy: 0.98, _step: 99, best: { epoch: 7, acc: 0.99 } },
    config: { lr: 0.001 },
    historyLineCount: 100,
    alerts: [
      {
        id: "al1",
        kind: "scriptable",
        title: "Loss is low — acme/mnist/bright-sun-7",
        level: "WARN",
        status: "queued",
        createdAt: minutesAgo(10),
      },
      {
        id: "al2",
        kind: "scriptable",
        title: "Loss is low — acme/mnist/bright-sun-7",
        level: "WARN",
        status: "throttled",
        createdAt: minutesAgo(9),
      },
      {
        id: "al3",
        kind: "run_finished",
        title: "Run finished: acme/mnist/bright-sun-7",
        level: "INFO",
        status: "queued",
        createdAt: minutesAgo(2),
      },
    ],
    files: [
      { path: "wandb-summary.json", size: 512, digest: "ab".repeat(32), updatedAt: minutesAgo(2) },
      { path: "model.ckpt", size: 340_000, digest: "cd".repeat(32), updatedAt: minutesAgo(3) },
    ],
    ...overrides,
  };
}

/** The text of the run detail (`<dd>`) under `term`. */
function detail(term: string) {
  const dt = [...document.querySelectorAll("dt")].find((el) => el.textContent === term);
  if (!dt) throw new Error(`No detail "${term}"`);
  return dt.nextElementSibling?.textContent;
}

/** Signed in as ada, a member of acme. */
const asMember = (handlers: ApiHandlers) => signedIn(handlers, TEAM_MEMBER);

// Load the lazy page once up front: its first transform is slower than findBy* waits on a small machine.
beforeAll(async () => {
  await import("./run-page");
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("run page", () => {
  it("shows a finished run: state, exit code, summary, alerts and files", async () => {
    asMember({ "GET /api/v1/runs/:entity/:project/:runId": () => Response.json(run()) });
    const { container } = renderRoutes(routes, "/runs/acme/mnist/a1b2c3d4");
    expect(await screen.findByRole("heading", { level: 1, name: "bright-sun-7" })).toBeTruthy();
    expect(screen.getByTestId("run-state").textContent).toBe("Finished");
    expect(screen.getByText("a1b2c3d4")).toBeTruthy();
    expect(detail("Exit code")).toBe("0");
    expect(detail("Host")).toBe("gpu-box-1");
    expect(detail("Program")).toBe("train.py");
    expect(detail("Finished")).toContain("2 minutes ago");

    const summary = screen.getByRole("table", { name: "Summary metrics of bright-sun-7" });
    const keys = within(summary)
      .getAllByRole("rowheader")
      .map((cell) => cell.textContent);
    // Metrics first, in key order; W&B's own keys last.
    expect(keys).toEqual(["accuracy", "best", "loss", "_step"]);
    expect(within(summary).getByRole("row", { name: /^loss/ }).textContent).toContain("0.125");
    // Nested values are JSON.
    expect(within(summary).getByRole("row", { name: /^best/ }).textContent).toContain('"epoch": 7');

    const alerts = screen.getByRole("table", { name: "Alerts sent for bright-sun-7, newest first" });
    const rows = within(alerts).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.querySelector("td")?.textContent)).toEqual([
      "Run finished: acme/mnist/bright-sun-7",
      "Loss is low — acme/mnist/bright-sun-7",
      "Loss is low — acme/mnist/bright-sun-7",
    ]);
    expect(rows[0]?.textContent).toContain("Run finished");
    expect(rows[0]?.textContent).toContain("Info");
    expect(rows[1]?.textContent).toContain("Throttled");
    expect(rows[2]?.textContent).toContain("Queued");
    expect(rows[2]?.textContent).toContain("Warning");

    const files = screen.getByRole("table", { name: "Files of bright-sun-7" });
    expect(within(files).getByRole("row", { name: /model\.ckpt/ }).textContent).toContain("340 kB");
    expect(within(files).getByRole("row", { name: /wandb-summary\.json/ }).textContent).toContain("512 B");
    expect(screen.getByText(/^2 files, 340\.5 kB in all/)).toBeTruthy();
    expect(document.title).toBe("bright-sun-7 · acme/mnist · Homebase");

    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });

  it("shows a running run with its empty states, and refetches it every 10 seconds until it ends", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let current = run({
      state: "running",
      exitCode: null,
      endedAt: null,
      summary: {},
      alerts: [],
      files: [],
      historyLineCount: 0,
    });
    const { calls } = asMember({ "GET /api/v1/runs/:entity/:project/:runId": () => Response.json(current) });
    renderRoutes(routes, "/runs/acme/mnist/a1b2c3d4");
    expect(await screen.findByRole("heading", { level: 1, name: "bright-sun-7" })).toBeTruthy();
    expect(screen.getByTestId("run-state").textContent).toBe("Running");
    expect(detail("Exit code")).toBe("None yet");
    expect(screen.getByText("Still running")).toBeTruthy();
    expect(screen.getByText("No alerts")).toBeTruthy();
    expect(screen.getByText("No files uploaded yet")).toBeTruthy();
    expect(screen.getByText("No metrics logged yet.")).toBeTruthy();

    const fetches = () => calls.filter((c) => c.path === RUN_PATH).length;
    expect(fetches()).toBe(1);
    current = { ...current, state: "crashed", exitCode: 1, endedAt: new Date().toISOString() };
    await vi.advanceTimersByTimeAsync(RUNNING_REFETCH_MS + 100);
    await waitFor(() => expect(screen.getByTestId("run-state").textContent).toBe("Crashed"));
    expect(fetches()).toBe(2);
    expect(detail("Exit code")).toBe("1");
    // Ended: no more polling.
    await vi.advanceTimersByTimeAsync(3 * RUNNING_REFETCH_MS);
    expect(fetches()).toBe(2);
  });

  it("says the run was not found, naming the entity, when the API answers 404", async () => {
    asMember({
      "GET /api/v1/runs/:entity/:project/:runId": () => problem(404, "There is no run a1b2c3d4 in acme/mnist."),
    });
    const { container } = renderRoutes(routes, "/runs/acme/mnist/a1b2c3d4");
    expect(await screen.findByRole("heading", { level: 1, name: "Run not found" })).toBeTruthy();
    expect(screen.getByText("It does not exist or you are not a member of acme.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "your Teams settings" }).getAttribute("href")).toBe("/settings/teams");
    expect(document.title).toBe("Run not found · Homebase");
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it("offers a retry when the API fails", async () => {
    let fail = true;
    asMember({
      "GET /api/v1/runs/:entity/:project/:runId": () =>
        fail ? problem(400, "The run ID is malformed.") : Response.json(run()),
    });
    renderRoutes(routes, "/runs/acme/mnist/a1b2c3d4");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Could not load this run");
    fail = false;
    within(alert).getByRole("button", { name: "Retry" }).click();
    expect(await screen.findByRole("heading", { level: 1, name: "bright-sun-7" })).toBeTruthy();
  });
});
