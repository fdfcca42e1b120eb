import { describe, expect, it } from "vitest";
import { wandbSetupScript } from "./wandb";

describe("wandbSetupScript", () => {
  it("exports the base URL and key the SDK reads, logs in from the environment and runs the script", () => {
    expect(wandbSetupScript({ baseUrl: "https://homebase.example.org", apiKey: "hb_v1_x" })).toBe(
      [
        "export WANDB_BASE_URL=https://homebase.example.org",
        "export WANDB_API_KEY=hb_v1_x",
        'wandb login --host "$WANDB_BASE_URL"',
        "python train.py",
      ].join("\n"),
    );
  });

  it("uses a KEY placeholder without a key", () => {
    expect(wandbSetupScript({ baseUrl: "http://localhost:3000" })).toContain("export WANDB_API_KEY=KEY\n");
  });
});
