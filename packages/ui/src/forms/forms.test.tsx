import { describe, expect, it } from "vitest";
import { markup } from "../test-markup";
import { FormError, NewPasswordFields, Notice, SecretInput } from "./index";

describe("form parts", () => {
  it("SecretInput names its toggle 'Show characters', not '…password'", () => {
    const html = markup(<SecretInput label="Password" />);
    expect(html).toContain('aria-label="Show characters"');
    expect(html).not.toMatch(/aria-label="[^"]*[Pp]assword/);
  });

  it("FormError is an alert with its title, and nothing without a reason", () => {
    const html = markup(<FormError title="Could not sign in">Wrong password.</FormError>);
    expect(html).toContain('role="alert"');
    expect(html).toContain("Could not sign in");
    expect(html).toContain("Wrong password.");
    expect(markup(<FormError title="Could not sign in">{null}</FormError>)).toBe("");
  });

  it("Notice is a status, teal unless told otherwise", () => {
    const html = markup(<Notice title="Password changed">Done.</Notice>);
    expect(html).toContain('role="status"');
    expect(html).toContain("teal");
    expect(
      markup(
        <Notice title="Waiting" color="blue">
          Soon.
        </Notice>,
      ),
    ).toContain("blue");
  });

  it("NewPasswordFields: new password with its rules, and the confirmation, both new-password", () => {
    const html = markup(
      <NewPasswordFields
        values={{ password: "", confirm: "" }}
        errors={{ confirm: "The passwords do not match." }}
        onChange={() => {}}
        hint="At least 8 characters."
        names={{ password: "new-password", confirm: "confirm-password" }}
        required
      />,
    );
    expect(html).toContain("New password");
    expect(html).toContain("Confirm new password");
    expect(html).toContain("At least 8 characters.");
    expect(html).toContain("The passwords do not match.");
    expect(html.match(/autocomplete="new-password"/gi)?.length).toBe(2);
    expect(html).toContain('name="confirm-password"');
    expect(html.match(/required=""/g)?.length).toBe(2);
  });
});

describe("CodeBlock", () => {
  it("is a focusable pre that scrolls sideways instead of wrapping", async () => {
    const { CodeBlock } = await import("../code-block");
    const html = markup(<CodeBlock>{"export A=1\nexport B=2"}</CodeBlock>);
    expect(html).toMatch(/^<pre[^>]*tabindex="0"/);
    expect(html).toContain("white-space:pre;overflow-x:auto");
    expect(html).toContain("export A=1\nexport B=2");
  });
});
