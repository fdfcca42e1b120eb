/**
 * The profile section as the shell mounts it at /settings/profile, against a double of the API:
 * the fields, the picture and the intro card. The intro editor's modes are in
 * intro/intro-editor.test.tsx; its editing in Chromium (tooling/e2e/src/profile*.e2e.test.ts).
 */
import { type ApiHandlers, makeMe, mockApi, problem, renderSection } from "@homebase/settings-kit/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { beforeEach, describe, expect, it, vi } from "vitest";
import section from "./index";
import { publicProfileOf, SAVED_INTRO } from "./test-fixtures";

const me = makeMe({ introMarkdown: SAVED_INTRO.markdown });
const publicProfile = publicProfileOf(me);

function api(overrides: ApiHandlers = {}) {
  return mockApi({
    "GET /api/v1/me": () => me,
    "GET /api/v1/users/:username": ({ params }) =>
      params.username === "ada" ? publicProfile : problem(404, `There is no user "${params.username}".`),
    ...overrides,
  });
}

const field = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
/** The texts an input's aria-describedby points to (its description and its error). */
const describedBy = (input: HTMLElement) =>
  (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
const saveButton = () => screen.getByRole("button", { name: "Save" }) as HTMLButtonElement;

async function openProfile() {
  const view = renderSection(section);
  await screen.findByRole("textbox", { name: "Name" });
  return view;
}

beforeEach(() => {
  // jsdom has no object URLs; the preview only needs a string.
  URL.createObjectURL = vi.fn(() => "blob:preview");
  URL.revokeObjectURL = vi.fn();
});

describe("profile section: fields", () => {
  it("keeps Save disabled until something changes, sends only the change and confirms", async () => {
    const { calls } = api({
      "PATCH /api/v1/me": ({ body }) => Response.json({ ...me, ...body }),
    });
    await openProfile();
    expect(field("Name").value).toBe("Ada");
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(field("Institution"), { target: { value: "  Analytical Engines " } });
    expect(saveButton().disabled).toBe(false);
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    // Back to what is saved: nothing to save again.
    fireEvent.change(field("Institution"), { target: { value: "" } });
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(field("Institution"), { target: { value: "  Analytical Engines " } });
    fireEvent.change(field("Website"), { target: { value: "https://ada.example.org" } });
    fireEvent.click(saveButton());
    expect(await screen.findByText("✓ Saved")).toBeTruthy();
    const patch = calls.find((c) => c.method === "PATCH");
    expect(patch?.body).toEqual({ institution: "Analytical Engines", websiteUrl: "https://ada.example.org" });
    expect(field("Institution").value).toBe("Analytical Engines");
    expect(saveButton().disabled).toBe(true);
  });

  it("clears the website with null", async () => {
    const { calls } = api({
      "GET /api/v1/me": () => ({ ...me, websiteUrl: "https://old.example" }),
      "PATCH /api/v1/me": ({ body }) => Response.json({ ...me, ...body }),
    });
    await openProfile();
    fireEvent.change(field("Website"), { target: { value: "" } });
    fireEvent.click(saveButton());
    await screen.findByText("✓ Saved");
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ websiteUrl: null });
  });

  it("adds https:// to a website without a scheme when leaving the field and when saving", async () => {
    const { calls } = api({
      "PATCH /api/v1/me": ({ body }) => Response.json({ ...me, ...body }),
    });
    await openProfile();
    fireEvent.change(field("Website"), { target: { value: " example.org " } });
    fireEvent.blur(field("Website"));
    expect(field("Website").value).toBe("https://example.org");
    // Saved straight from the keyboard (no blur): the field shows what is sent.
    fireEvent.change(field("Website"), { target: { value: "ada.dev/blog" } });
    fireEvent.click(saveButton());
    expect(field("Website").value).toBe("https://ada.dev/blog");
    expect(await screen.findByText("✓ Saved")).toBeTruthy();
    expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ websiteUrl: "https://ada.dev/blog" });
    expect(field("Website").value).toBe("https://ada.dev/blog");
  });

  it("checks limits and the website before sending, and says so under the field", async () => {
    const { calls } = api();
    await openProfile();
    fireEvent.change(field("Name"), { target: { value: "x".repeat(65) } });
    const name = field("Name");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(name)).toContain("Must be at most 64 characters (now 65).");
    fireEvent.change(field("Name"), { target: { value: "Ada" } });
    fireEvent.change(field("Website"), { target: { value: "ftp://ada.example.org" } });
    // A half-typed address is not an error yet...
    expect(field("Website").getAttribute("aria-invalid")).not.toBe("true");
    fireEvent.click(saveButton());
    // ...but it is when saving, and nothing is sent.
    expect(await screen.findByText("Only http:// and https:// addresses can be linked, not ftp:.")).toBeTruthy();
    expect(field("Website").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field("Website"));
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });

  it("puts the API's field errors under the fields they name", async () => {
    api({
      "PATCH /api/v1/me": () =>
        problem(422, "1 field is invalid", {
          errors: [
            { path: "location", message: "Must be at most 128 characters." },
            { path: "somethingElse", message: "Not a profile field." },
          ],
        }),
    });
    await openProfile();
    fireEvent.change(field("Location"), { target: { value: "Somewhere" } });
    fireEvent.click(saveButton());
    expect(await screen.findByText("Must be at most 128 characters.")).toBeTruthy();
    expect(field("Location").getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(field("Location"))).toContain("Must be at most 128 characters.");
    // Errors for no visible field are still shown, in the form's own alert.
    expect(screen.getByRole("alert").textContent).toContain("Not a profile field.");
    // Editing the field clears its server error.
    fireEvent.change(field("Location"), { target: { value: "Somewhere else" } });
    expect(screen.queryByText("Must be at most 128 characters.")).toBeNull();
  });
});

describe("profile section: picture", () => {
  const fileInput = () => screen.getByLabelText("Profile picture file") as HTMLInputElement;
  const choose = (file: File) => fireEvent.change(fileInput(), { target: { files: [file] } });
  const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const pngFile = (size = 100, name = "me.png") => {
    const bytes = new Uint8Array(size);
    bytes.set(PNG_MAGIC);
    return new File([bytes], name, { type: "image/png" });
  };
  const preview = () => screen.findByRole("img", { name: "Preview of your new profile picture" });

  it("refuses a wrong type or a file over 5 MB before uploading", async () => {
    const { calls } = api();
    await openProfile();
    choose(new File(["<svg/>"], "logo.svg", { type: "image/svg+xml" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "“logo.svg” is image/svg+xml. Choose a PNG, JPEG, WebP or GIF image.",
    );
    choose(pngFile(5 * 1024 * 1024 + 1, "big.png"));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "“big.png” is 5.2 MB. Choose an image of at most 5 MB.",
    );
    // Dropped files go through the same checks.
    const dropzone = screen.getByRole("button", { name: /^Upload an image/ });
    fireEvent.drop(dropzone, {
      dataTransfer: { files: [new File(["hi"], "notes.txt", { type: "text/plain" })], types: ["Files"] },
    });
    expect((await screen.findByRole("alert")).textContent).toContain("“notes.txt” is text/plain");
    expect(calls.some((c) => c.path === "/api/v1/me/avatar")).toBe(false);
  });

  it("previews a chosen image, uploads it as the raw body with its type, and can cancel", async () => {
    const { calls } = api({
      "PUT /api/v1/me/avatar": () => ({ avatarUrl: "/api/v1/avatars/abc.webp" }),
    });
    await openProfile();
    choose(pngFile());
    expect((await preview()).getAttribute("src")).toBe("blob:preview");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("img", { name: "Preview of your new profile picture" })).toBeNull();

    const file = pngFile();
    choose(file);
    await preview();
    fireEvent.click(screen.getByRole("button", { name: "Save picture" }));
    await waitFor(() =>
      expect(screen.getByRole("img", { name: "Your profile picture" }).getAttribute("src")).toBe(
        "/api/v1/avatars/abc.webp",
      ),
    );
    const put = calls.find((c) => c.method === "PUT" && c.path === "/api/v1/me/avatar");
    expect(put?.init.body).toBe(file);
    expect(new Headers(put?.init.headers).get("Content-Type")).toBe("image/png");
    // The small avatar at the top of the page follows.
    const header = screen.getByRole("group", { name: "Your profile" });
    expect(header.querySelector("img")?.getAttribute("src")).toBe("/api/v1/avatars/abc.webp");
    expect(screen.getByRole("button", { name: "Remove picture" })).toBeTruthy();
  });

  it("reads the format from the bytes: a JPEG named .png is sent as image/jpeg, a renamed text file is refused", async () => {
    const { calls } = api({
      "PUT /api/v1/me/avatar": () => ({ avatarUrl: "/api/v1/avatars/abc.webp" }),
    });
    await openProfile();
    choose(new File(["not an image at all"], "fake.png", { type: "image/png" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "“fake.png” is not a PNG, JPEG, WebP or GIF image, whatever its name says.",
    );
    choose(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16])], "photo.png", { type: "image/png" }));
    await preview();
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save picture" }));
    await screen.findByRole("img", { name: "Your profile picture" });
    const put = calls.find((c) => c.method === "PUT" && c.path === "/api/v1/me/avatar");
    expect(new Headers(put?.init.headers).get("Content-Type")).toBe("image/jpeg");
  });

  it("shows the server's refusal as it words it (413, 415)", async () => {
    api({ "PUT /api/v1/me/avatar": () => problem(415, "The file is a JPEG image, but was sent as image/png.") });
    await openProfile();
    choose(pngFile());
    await preview();
    fireEvent.click(screen.getByRole("button", { name: "Save picture" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "The file is a JPEG image, but was sent as image/png.",
    );
    // The preview stays, to try again or cancel.
    expect(screen.getByRole("button", { name: "Save picture" })).toBeTruthy();
  });

  it("removes the picture only after confirming", async () => {
    const { calls } = api({
      "GET /api/v1/me": () => ({ ...me, avatarUrl: "/api/v1/avatars/abc.webp" }),
      "DELETE /api/v1/me/avatar": () => new Response(null, { status: 204 }),
    });
    await openProfile();
    fireEvent.click(screen.getByRole("button", { name: "Remove picture" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove your profile picture?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Remove picture" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Remove picture" }));
    await waitFor(() => expect(screen.queryByRole("button", { name: "Remove picture" })).toBeNull());
    expect(calls.some((c) => c.method === "DELETE" && c.path === "/api/v1/me/avatar")).toBe(true);
    expect(screen.queryByRole("img", { name: "Your profile picture" })).toBeNull();
  });
});

describe("profile section: intro", () => {
  it("shows the rendered intro from the public profile, with Edit", async () => {
    api();
    await openProfile();
    const intro = screen.getByRole("region", { name: "Intro" });
    expect(await within(intro).findByRole("heading", { name: "About" })).toBeTruthy();
    expect(within(intro).getByRole("button", { name: "Edit intro" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "View your public profile" }).getAttribute("href")).toBe("/u/ada");
  });

  it("has no axe violations (structure, names, ARIA)", async () => {
    api();
    const { container } = await openProfile();
    await screen.findByRole("heading", { name: "About" });
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
