import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, createTestApp, signUp, type TestApp } from "../testing/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const signupAs = (username: string) =>
  call(t, "/api/v1/auth/signup", {
    json: { username, email: `${crypto.randomUUID()}@example.com`, password: "correct horse battery" },
  });

describe("usernames are checked after NFKC and lower-casing (issue 13 §4)", () => {
  it.each([
    ["\u212Aelvin", "kelvin"],
    ["ｋｅｌｖｉｎ", "kelvin"],
    ["ﬁsh-tank", "fish-tank"],
  ])(
    "%j is stored as %j, and the plain name can then not sign up, nor the look-alike after it",
    async (lookalike, plain) => {
      const first = await signupAs(lookalike);
      expect(first.status).toBe(201);
      expect((await first.json()).user.username).toBe(plain);
      const profile = await call(t, `/api/v1/users/${plain}`);
      expect(profile.status).toBe(200);
      expect((await signupAs(plain)).status).toBe(409);
      expect((await signupAs(lookalike)).status).toBe(409);
    },
  );

  it("a look-alike of an existing name is refused with 409", async () => {
    expect((await signupAs("kelvin")).status).toBe(201);
    const res = await signupAs("\u212Aelvin");
    expect(res.status).toBe(409);
  });

  it.each(["аda-x", "ad\u00ADa", "ada\u200Bx"])(
    "%j, which is not a–z once normalized, is refused with 422",
    async (name) => {
      const res = await signupAs(name);
      expect(res.status).toBe(422);
      expect((await res.json()).errors[0].path).toBe("username");
    },
  );
});

describe("team names follow the same rule", () => {
  it("stores a look-alike team name in its plain form; the plain name and the look-alike then conflict", async () => {
    const { cookie } = await signUp(t);
    const created = await call(t, "/api/v1/teams", { cookie, json: { name: "ｌａｂ-\u212A" } });
    expect(created.status).toBe(201);
    expect((await created.json()).name).toBe("lab-k");
    expect((await call(t, "/api/v1/teams", { cookie, json: { name: "lab-k" } })).status).toBe(409);
    expect((await call(t, "/api/v1/teams", { cookie, json: { name: "LAB-\u212A" } })).status).toBe(409);
  });

  it("a team cannot take a user's name through a look-alike", async () => {
    const { cookie } = await signUp(t, { username: "kelvin" });
    const res = await call(t, "/api/v1/teams", { cookie, json: { name: "\u212Aelvin" } });
    expect(res.status).toBe(409);
  });

  it("refuses a team name that is not a–z once normalized", async () => {
    const { cookie } = await signUp(t);
    const res = await call(t, "/api/v1/teams", { cookie, json: { name: "lаb" } });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0].path).toBe("name");
  });
});
