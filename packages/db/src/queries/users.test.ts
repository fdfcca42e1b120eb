import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tables } from "../dialect";
import { ConflictError, isUniqueViolation } from "../errors";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { createTeam } from "./teams";
import { createUser, findUserByUsername } from "./users";

let t: TestDatabase;

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const person = (username: string, email = `${username}@example.com`) => ({ username, email, passwordHash: "x" });

  /** What `insert` threw, or a failure when it threw nothing. */
  async function thrownBy(insert: () => Promise<unknown>): Promise<unknown> {
    try {
      await insert();
    } catch (error) {
      return error;
    }
    throw new Error("expected the insert to fail");
  }

  it("tells the database's unique violations (username, email, primary key) from its other errors", async () => {
    const ada = await createUser(t.db, person("ada"));
    const { users, entities } = tables(t.db);
    const row = { email: "other@example.com", name: "", passwordHash: "x" };
    const sameName = await thrownBy(() => t.db.insert(users).values({ ...row, username: "ada" }));
    const sameEmail = await thrownBy(() =>
      t.db.insert(users).values({ ...row, username: "other", email: "ada@example.com" }),
    );
    const sameId = await thrownBy(() => t.db.insert(entities).values({ id: ada.id, name: "x", kind: "user" }));
    for (const error of [sameName, sameEmail, sameId]) expect(isUniqueViolation(error)).toBe(true);
    // A missing NOT NULL value or a dangling foreign key is no conflict.
    const missing = await thrownBy(() =>
      t.db.insert(users).values({ ...row, username: "bob", passwordHash: null as unknown as string }),
    );
    const { teamMembers } = tables(t.db);
    const dangling = await thrownBy(() =>
      t.db.insert(teamMembers).values({ teamId: "no-such-team", userId: ada.id, role: "member" }),
    );
    for (const error of [missing, dangling]) expect(isUniqueViolation(error)).toBe(false);
    expect(isUniqueViolation(new Error("duplicate key value violates unique constraint"))).toBe(false);
  });

  it("answers simultaneous sign-ups with one username: one account, a ConflictError for the others", async () => {
    await createUser(t.db, person("first"));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createUser(t.db, person("ada", `ada${i}@example.com`))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
    const sameEmail = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createUser(t.db, person(`bob${i}`, "bob@example.com"))),
    );
    expect(sameEmail.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of sameEmail.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
  });

  it("answers simultaneous teams of one name: one team, a ConflictError for the others", async () => {
    const ada = await createUser(t.db, person("ada"));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => createTeam(t.db, { name: "lab", creatorId: ada.id })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    }
  });

  it("makes exactly one of ten simultaneous first sign-ups the organisation admin", async () => {
    // Open the pool's connections first (PostgreSQL), so the sign-ups truly overlap rather than
    // queue behind each new connection's start-up.
    await Promise.all(Array.from({ length: 8 }, () => findUserByUsername(t.db, "nobody")));
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser(t.db, person(`user${i}`))));
    expect(created.filter((u) => u.isAdmin)).toHaveLength(1);
    expect((await findUserByUsername(t.db, "user0"))?.username).toBe("user0");
    // Later sign-ups are no admins.
    expect((await createUser(t.db, person("late"))).isAdmin).toBe(false);
  });
});
