import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createApiKeyInUi, eventually, expectNoAxeViolations, newAccount, signUp } from "./section-helpers";
import { setUpSuite } from "./suite";

/**
 * Storage as a user meets it: the Storage section is open while a program reports objects
 * through the API; the usage appears on its own (no reload, no recalculation) with the right
 * figure in SI units and the colour of its level; then "Recalculate now" shows its progress
 * and finishes.
 */
const suite = setUpSuite();

/** The computed colour of a CSS colour expression, e.g. the theme's yellow, in this page. */
function resolveColor(p: Page, css: string) {
  return p.evaluate((value) => {
    const probe = document.createElement("div");
    probe.style.backgroundColor = value;
    document.body.append(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
  }, css);
}

describe("storage", () => {
  it("shows reported objects in GB with the level colour without a recalculation, then recalculates", async () => {
    const { page, homebase } = suite;
    const account = newAccount();
    await signUp(page, account);
    const { key } = await createApiKeyInUi(page, "storage reporter");

    const recalculations: string[] = [];
    page.on("request", (req) => {
      if (req.method() === "POST" && req.url().includes("/storage/recalculate")) recalculations.push(req.url());
    });

    await page.goto("/settings/storage");
    const usage = page.getByTestId("storage-usage");
    await eventually(() => usage.textContent()).toBe("0 B of 100 GB used (0 %)");
    expect(await usage.getAttribute("data-level")).toBe("ok");
    await expectNoAxeViolations(page, "the empty storage section");

    // 73.5 GB in SI units, with one duplicate digest that must count once.
    const objects = [
      { project: "llm-finetune", kind: "artifact", path: "model/v1.bin", size: 50_000_000_000, digest: "sha256:aa" },
      { project: "llm-finetune", kind: "artifact", path: "model/v2.bin", size: 50_000_000_000, digest: "sha256:aa" },
      { project: "vision", kind: "media", path: "samples.tar", size: 20_000_000_000, digest: "sha256:bb" },
      { project: "vision", kind: "run_file", path: "events.log", size: 3_500_000_000, digest: "sha256:cc" },
    ];
    const reported = await fetch(`${homebase.url}/api/v1/storage/objects/batch`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ objects }),
    });
    expect(reported.status).toBe(201);

    // No reload, no recalculation: the open page catches up by itself.
    await eventually(() => usage.textContent(), 30_000).toBe("73.5 GB of 100 GB used (73 %)");
    expect(await usage.getAttribute("data-level")).toBe("caution");
    expect(recalculations).toEqual([]);
    const bar = page.getByRole("progressbar", { name: /^Storage used/ });
    expect(await bar.getAttribute("aria-label")).toContain("73,500,000,000 bytes of 100,000,000,000 bytes");
    const barColor = await bar.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(barColor).toBe(await resolveColor(page, "var(--mantine-color-yellow-filled)"));
    expect(await page.getByText("Caution (70 % or more)").isVisible()).toBe(true);
    // Exact bytes on hover.
    await usage.hover();
    await eventually(() => page.getByRole("tooltip").textContent()).toBe(
      "73,500,000,000 bytes of 100,000,000,000 bytes",
    );
    // Breakdown and top projects.
    const projects = page.getByRole("table", { name: "The ten projects that use the most storage" });
    await eventually(() => projects.getByRole("row").count()).toBe(3);
    expect(await projects.getByRole("row").nth(1).textContent()).toContain("llm-finetune50 GB");
    const kinds = page.getByRole("table", { name: "Storage by kind" });
    expect(await kinds.getByRole("row", { name: /Media/ }).textContent()).toContain("20 GB");
    await expectNoAxeViolations(page, "the storage section with usage");

    // Recalculate now: the progress shows, then the job completes and the figure is reloaded.
    const jobStates: string[] = [];
    page.on("response", async (res) => {
      if (res.request().method() === "GET" && res.url().includes("/api/v1/storage/jobs/")) {
        jobStates.push(((await res.json()) as { state: string }).state);
      }
    });
    const progress = page.getByRole("progressbar", { name: "Recalculation progress" });
    const progressShown = progress.waitFor({ state: "attached" });
    const queued = page.waitForResponse((res) => res.url().includes("/storage/recalculate"));
    await page.getByRole("button", { name: "Recalculate now" }).click();
    expect((await queued).status()).toBe(202);
    await progressShown;
    await eventually(() => page.getByText("✓ Recalculated").isVisible(), 30_000).toBe(true);
    expect(jobStates.at(-1)).toBe("completed");
    expect(await progress.count()).toBe(0);
    expect(await page.getByRole("button", { name: "Recalculate now" }).isEnabled()).toBe(true);
    expect(await usage.textContent()).toBe("73.5 GB of 100 GB used (73 %)");
  });
});
