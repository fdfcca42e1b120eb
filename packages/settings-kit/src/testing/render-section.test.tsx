import { fireEvent, screen } from "@testing-library/react";
import { useState } from "react";
import { Link } from "react-router";
import { describe, expect, it } from "vitest";
import { queryKeys, useViewer } from "../query";
import { defineSettingsSection } from "../section";
import { useUnsavedChanges } from "../unsaved-changes";
import { makeViewer, renderSection } from "./render-section";

function Page() {
  const viewer = useViewer();
  const [text, setText] = useState("");
  useUnsavedChanges(text !== "");
  return (
    <>
      <p>Hello {viewer.data?.username}</p>
      <label>
        Bio
        <input value={text} onChange={(event) => setText(event.currentTarget.value)} />
      </label>
      <Link to="/teams/acme">Acme</Link>
    </>
  );
}

const section = defineSettingsSection({
  id: "example",
  title: "Example",
  description: "What the example controls.",
  path: "example",
  group: "Labs",
  order: 1,
  load: async () => ({ default: Page }),
});

describe("renderSection", () => {
  it("renders the page at /settings/<path> under its title, with the viewer the shell would know", async () => {
    const view = renderSection(section, { viewer: { username: "grace" } });
    expect(await screen.findByText("Hello grace")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "Example" })).toBeTruthy();
    expect(screen.getByText("What the example controls.")).toBeTruthy();
    expect(view.router.state.location.pathname).toBe("/settings/example");
    expect(view.queryClient.getQueryData(queryKeys.viewer)).toEqual(makeViewer({ username: "grace" }));
  });

  it("reports unsaved changes as the shell sees them, and follows links out of the section", async () => {
    const view = renderSection(section);
    fireEvent.change(await screen.findByRole("textbox", { name: "Bio" }), { target: { value: "draft" } });
    expect(view.unsaved.isDirty()).toBe(true);
    view.unsaved.discardAll();
    expect(view.unsaved.isDirty()).toBe(false);
    fireEvent.click(screen.getByRole("link", { name: "Acme" }));
    expect((await screen.findByTestId("outside-section")).textContent).toBe("/teams/acme");
  });
});
