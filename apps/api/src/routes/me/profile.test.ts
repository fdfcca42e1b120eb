import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const patch = (cookie: string, json: unknown) => call(t, "/api/v1/me", { cookie, method: "PATCH", json });

describe("profile fields", () => {
  it.each([
    ["name", 64],
    ["institution", 128],
    ["bio", 1000],
    ["location", 128],
  ])("accepts %s at its limit and refuses one more", async (field, max) => {
    const { cookie } = await signUp(t);
    const ok = await patch(cookie, { [field]: "x".repeat(max) });
    expect(ok.status).toBe(200);
    expect((await ok.json())[field]).toHaveLength(max);
    const tooLong = await patch(cookie, { [field]: "y".repeat(max + 1) });
    expect(tooLong.status).toBe(422);
    expect((await tooLong.json()).errors).toEqual([expect.objectContaining({ path: field })]);
    expect((await (await call(t, "/api/v1/me", { cookie })).json())[field]).toBe("x".repeat(max));
  });

  it("accepts http(s) website URLs up to 2048 characters and clears with null", async () => {
    const { cookie } = await signUp(t);
    const url = `https://example.com/${"a".repeat(2048 - 20)}`;
    expect(url).toHaveLength(2048);
    expect((await patch(cookie, { websiteUrl: url })).status).toBe(200);
    expect((await patch(cookie, { websiteUrl: `${url}b` })).status).toBe(422);
    expect((await patch(cookie, { websiteUrl: "http://ada.dev" })).status).toBe(200);
    const cleared = await patch(cookie, { websiteUrl: null, bio: null });
    expect(cleared.status).toBe(200);
    expect(await cleared.json()).toMatchObject({ websiteUrl: null, bio: "" });
  });

  it.each([
    "javascript:alert(1)",
    "ftp://files.example.com",
    "mailto:ada@example.org",
    "/relative/path",
    "https://",
    "not a host",
    "data:text/html,x",
  ])("refuses the website URL %s with 422", async (websiteUrl) => {
    const { cookie } = await signUp(t);
    const res = await patch(cookie, { websiteUrl });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].path).toBe("websiteUrl");
  });

  it.each([
    ["example.org", "https://example.org"],
    ["  ada.dev/blog  ", "https://ada.dev/blog"],
    ["localhost:8080/x", "https://localhost:8080/x"],
    ["//ada.dev", "https://ada.dev"],
  ])("stores the scheme-less website %j as %j, also on the public profile", async (websiteUrl, stored) => {
    const { cookie, user } = await signUp(t);
    const res = await patch(cookie, { websiteUrl });
    expect(res.status).toBe(200);
    expect((await res.json()).websiteUrl).toBe(stored);
    expect((await (await call(t, "/api/v1/me", { cookie })).json()).websiteUrl).toBe(stored);
    expect((await (await call(t, `/api/v1/users/${user.username}`)).json()).websiteUrl).toBe(stored);
  });

  it("names the refused scheme in the 422 and keeps the saved website", async () => {
    const { cookie } = await signUp(t);
    await patch(cookie, { websiteUrl: "example.org" });
    const refused: [string, string][] = [
      ["javascript:alert(1)", "javascript:"],
      ["data:text/html,<script>x</script>", "data:"],
      ["JavaScript:alert(1)", "javascript:"],
    ];
    for (const [websiteUrl, scheme] of refused) {
      const res = await patch(cookie, { websiteUrl });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(body.errors).toEqual([{ path: "websiteUrl", message: expect.stringContaining(scheme) }]);
    }
    expect((await (await call(t, "/api/v1/me", { cookie })).json()).websiteUrl).toBe("https://example.org");
  });

  it("refuses unknown fields and wrong types", async () => {
    const { cookie } = await signUp(t);
    expect((await patch(cookie, { username: "renamed" })).status).toBe(422);
    expect((await patch(cookie, { name: 42 })).status).toBe(422);
  });

  it("shows the fields on the public profile", async () => {
    const { cookie, user } = await signUp(t);
    await patch(cookie, { name: "Ada Lovelace", institution: "Analytical Engines", websiteUrl: "https://ada.dev" });
    const profile = await (await call(t, `/api/v1/users/${user.username}`)).json();
    expect(profile).toMatchObject({
      name: "Ada Lovelace",
      institution: "Analytical Engines",
      websiteUrl: "https://ada.dev",
    });
  });
});

describe("intro", () => {
  it("stores Markdown and renders sanitized HTML, also on the public profile", async () => {
    const { cookie, user } = await signUp(t);
    const markdown = "# Hello\n\n<img src=x onerror=alert(1)> [site](https://ada.dev)";
    const res = await call(t, "/api/v1/me/intro", { cookie, method: "PUT", json: { markdown } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.introMarkdown).toBe(markdown);
    expect(body.introHtml).toContain("<h1>Hello</h1>");
    expect(body.introHtml).not.toContain("onerror");
    expect(body.introHtml).toContain('rel="nofollow noopener noreferrer"');
    expect((await (await call(t, "/api/v1/me", { cookie })).json()).introMarkdown).toBe(markdown);
    expect((await (await call(t, `/api/v1/users/${user.username}`)).json()).introHtml).toBe(body.introHtml);
  });

  it("accepts 20,000 characters and refuses more", async () => {
    const { cookie } = await signUp(t);
    expect(
      (await call(t, "/api/v1/me/intro", { cookie, method: "PUT", json: { markdown: "a".repeat(20_000) } })).status,
    ).toBe(200);
    expect(
      (await call(t, "/api/v1/me/intro", { cookie, method: "PUT", json: { markdown: "a".repeat(20_001) } })).status,
    ).toBe(422);
  });
});

async function image(format: "png" | "jpeg" | "webp" | "gif", size = 800) {
  return sharp({
    create: { width: size, height: Math.round(size / 2), channels: 3, background: { r: 200, g: 30, b: 90 } },
  })
    .toFormat(format)
    .toBuffer();
}

const upload = (cookie: string, body: Uint8Array, type: string) =>
  call(t, "/api/v1/me/avatar", { cookie, method: "PUT", body, headers: { "content-type": type } });

describe("avatar", () => {
  it.each(["png", "jpeg", "webp", "gif"] as const)(
    "accepts %s, stores at most 512×512 WebP and serves it cached",
    async (format) => {
      const { cookie, user } = await signUp(t);
      const res = await upload(cookie, await image(format), `image/${format}`);
      expect(res.status).toBe(200);
      const { avatarUrl } = await res.json();
      expect(avatarUrl).toMatch(/^\/api\/v1\/avatars\/[0-9a-f]{32}\.webp$/);
      const served = await call(t, avatarUrl);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect(served.headers.get("cache-control")).toContain("immutable");
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBe(512);
      expect(meta.height).toBe(256);
      expect((await (await call(t, `/api/v1/users/${user.username}`)).json()).avatarUrl).toBe(avatarUrl);
    },
  );

  it("strips EXIF and GPS metadata", async () => {
    const { cookie } = await signUp(t);
    const withGps = await sharp(await image("jpeg", 300))
      .withMetadata({
        exif: {
          IFD0: { Make: "SpyCam", Copyright: "secret" },
          IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" },
        },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const { avatarUrl } = await (await upload(cookie, withGps, "image/jpeg")).json();
    const stored = Buffer.from(await (await call(t, avatarUrl)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(stored.toString("latin1")).not.toContain("SpyCam");
  });

  it("refuses SVG, HTML, a renamed text file and a mismatched type with 415", async () => {
    const { cookie } = await signUp(t);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
    );
    expect((await upload(cookie, svg, "image/svg+xml")).status).toBe(415);
    expect((await upload(cookie, svg, "image/png")).status).toBe(415);
    expect((await upload(cookie, Buffer.from("<html><script>alert(1)</script></html>"), "image/png")).status).toBe(415);
    expect((await upload(cookie, Buffer.from("just some notes\n"), "image/jpeg")).status).toBe(415);
    const png = await image("png");
    const mismatch = await upload(cookie, png, "image/jpeg");
    expect(mismatch.status).toBe(415);
    expect((await mismatch.json()).detail).toMatch(/PNG/);
    expect((await upload(cookie, png, "text/plain")).status).toBe(415);
  });

  it("refuses 6 MB with 413", async () => {
    const { cookie } = await signUp(t);
    const big = Buffer.alloc(6 * 1024 * 1024, 1);
    const res = await upload(cookie, big, "image/png");
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("removes the old file on replace and on delete", async () => {
    const { cookie } = await signUp(t);
    const dir = join(t.dataDir, "avatars");
    const first = await (await upload(cookie, await image("png", 100), "image/png")).json();
    expect(readdirSync(dir)).toHaveLength(1);
    const second = await (await upload(cookie, await image("jpeg", 200), "image/jpeg")).json();
    expect(second.avatarUrl).not.toBe(first.avatarUrl);
    expect(readdirSync(dir)).toEqual([second.avatarUrl.split("/").pop()]);
    expect((await call(t, first.avatarUrl)).status).toBe(404);
    expect((await call(t, "/api/v1/me/avatar", { cookie, method: "DELETE" })).status).toBe(204);
    expect(readdirSync(dir)).toEqual([]);
    expect((await (await call(t, "/api/v1/me", { cookie })).json()).avatarUrl).toBeNull();
  });

  it("keeps a file another user still shows", async () => {
    const ada = await signUp(t);
    const bob = await signUp(t);
    const png = await image("png", 120);
    const a = await (await upload(ada.cookie, png, "image/png")).json();
    const b = await (await upload(bob.cookie, png, "image/png")).json();
    expect(a.avatarUrl).toBe(b.avatarUrl);
    await call(t, "/api/v1/me/avatar", { cookie: ada.cookie, method: "DELETE" });
    expect(existsSync(join(t.dataDir, "avatars", a.avatarUrl.split("/").pop()))).toBe(true);
    expect((await call(t, b.avatarUrl)).status).toBe(200);
  });
});
