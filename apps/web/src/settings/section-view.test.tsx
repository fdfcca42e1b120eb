import { defineSettingsSection } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { act, render, screen } from "@testing-library/react";
import type { ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { preloadSection } from "./section-code";
import { SectionView } from "./section-view";

function section(id: string, load: () => Promise<{ default: ComponentType }>) {
  return defineSettingsSection({
    id,
    title: "Sample",
    description: "A sample.",
    path: id,
    group: "Account",
    order: 1,
    load,
  });
}

function renderView(s: ReturnType<typeof section>) {
  return render(
    <UiProvider env="test">
      <SectionView section={s} />
    </UiProvider>,
  );
}

describe("SectionView", () => {
  it("renders a preloaded section at once, without its loading state", async () => {
    const preloaded = section("preloaded", async () => ({ default: () => <p>preloaded body</p> }));
    preloadSection(preloaded);
    await act(async () => {});
    renderView(preloaded);
    // Synchronously there: no fallback first (React holds a revealed fallback back by up to 300 ms).
    expect(screen.getByText("preloaded body")).toBeTruthy();
    expect(screen.queryByText("Loading Sample…")).toBeNull();
  });

  it("shows the loading state for a section whose code has not arrived, then the section", async () => {
    let arrive: (module: { default: ComponentType }) => void = () => {};
    const slow = section("slow", () => new Promise((resolve) => (arrive = resolve)));
    renderView(slow);
    expect(screen.getByText("Loading Sample…")).toBeTruthy();
    await act(async () => arrive({ default: () => <p>slow body</p> }));
    expect(await screen.findByText("slow body")).toBeTruthy();
  });
});
