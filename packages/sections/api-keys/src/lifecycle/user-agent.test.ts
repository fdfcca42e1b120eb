import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

describe("describeUserAgent", () => {
  it("names browsers with their major version and system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 120 on macOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0")).toBe(
      "Firefox 121 on Windows",
    );
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
      ),
    ).toBe("Edge 120 on Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17.2 on iOS");
  });

  it("names programs and SDKs", () => {
    expect(describeUserAgent("W&B Internal Client 0.17.0")).toBe("wandb SDK 0.17.0");
    expect(describeUserAgent("wandb/0.16.1 python/3.11")).toBe("wandb SDK 0.16.1");
    expect(describeUserAgent("python-requests/2.31.0")).toBe("Python (requests 2.31.0)");
    expect(describeUserAgent("curl/8.5.0")).toBe("curl 8.5.0");
    expect(describeUserAgent("node")).toBe("Node.js program");
    expect(describeUserAgent("undici")).toBe("Node.js program");
    expect(describeUserAgent("Go-http-client/1.1")).toBe("Go program");
  });

  it("falls back to the first product token, shortened, or says it is unknown", () => {
    expect(describeUserAgent("MyTool/1.2 (+https://example.org)")).toBe("MyTool 1.2");
    expect(describeUserAgent("x".repeat(100))).toBe(`${"x".repeat(59)}…`);
    expect(describeUserAgent(null)).toBe("Unknown client");
    expect(describeUserAgent("  ")).toBe("Unknown client");
  });
});
