import { describe, expect, it } from "vitest";
import { basicCredentials, usageExamples } from "./usage";

describe("usage examples", () => {
  it("encodes Basic credentials as base64 of api:KEY", () => {
    const key = "hb_v1_abcdefABCDEF_0123456789abcdefghijABCDEFGHIJxyzXYZ";
    expect(Buffer.from(basicCredentials(key), "base64").toString("utf8")).toBe(`api:${key}`);
  });

  it("shows placeholders without a key and the real headers with one", () => {
    const base = "https://homebase.example.org";
    expect(usageExamples(undefined, base).map((e) => e.value)).toEqual([
      "Authorization: Bearer KEY",
      'Authorization: Basic base64("api:KEY")',
      `export WANDB_BASE_URL=${base}\nexport WANDB_API_KEY=KEY\nwandb login --host "$WANDB_BASE_URL"\npython train.py`,
    ]);
    const withKey = usageExamples("hb_v1_x", base);
    expect(withKey[0]?.value).toBe("Authorization: Bearer hb_v1_x");
    expect(withKey[1]?.value).toBe(`Authorization: Basic ${btoa("api:hb_v1_x")}`);
    expect(withKey[2]?.value).toContain("export WANDB_API_KEY=hb_v1_x\n");
  });
});
