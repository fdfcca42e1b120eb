import { UiProvider } from "@homebase/ui";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { UserAvatar } from "./user-avatar";

const avatar = () => screen.getByTestId("user-avatar");

describe("UserAvatar", () => {
  it("draws the initials on the name's colour, hidden from assistive technology", () => {
    render(
      <UiProvider env="test">
        <UserAvatar src={null} name="Ada Lovelace" />
      </UiProvider>,
    );
    expect(avatar().getAttribute("aria-hidden")).toBe("true");
    expect(avatar().querySelector("[data-initials]")?.getAttribute("data-initials")).toBe("AL");
    expect(avatar().querySelector("img")).toBeNull();
    expect(avatar().style.getPropertyValue("--avatar-bg")).toMatch(/^var\(--mantine-color-[a-z]+-9\)$/);
    expect(avatar().style.getPropertyValue("--avatar-size")).toBe("calc(2rem * var(--mantine-scale))");
  });

  it("shows the picture, and the initials instead when it fails to load, until another picture comes", () => {
    const { rerender } = render(<UserAvatar src="/a.png" name="ada" />);
    const img = avatar().querySelector("img")!;
    expect(img.getAttribute("src")).toBe("/a.png");
    expect(img.getAttribute("alt")).toBe("");
    fireEvent.error(img);
    expect(avatar().querySelector("img")).toBeNull();
    expect(avatar().querySelector("[data-initials]")?.getAttribute("data-initials")).toBe("AD");
    rerender(<UserAvatar src="/b.png" name="ada" />);
    expect(avatar().querySelector("img")?.getAttribute("src")).toBe("/b.png");
  });
});
