import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tables } from "../dialect";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { setIntroMarkdown } from "./profile";
import { createSession, findSessionUser } from "./sessions";
import { forUpdate, transaction } from "./tx";
import { createUser, findUserByUsername } from "./users";

/** A promise and the function that settles it: a point a test holds an operation at. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

const now = new Date("2026-06-01T00:00:00Z");

describe.each(testDialects())("transaction (%s)", (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("commits the body's writes and returns its result", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    const result = await transaction(t.db, async (tx) => {
      const { users } = tables(tx);
      await tx.update(users).set({ name: "Ada" }).where(eq(users.id, ada.id));
      return "ok";
    });
    expect(result).toBe("ok");
    expect((await findUserByUsername(t.db, "ada"))?.name).toBe("Ada");
  });

  it("rolls back every write of a body that throws, and rethrows", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    await expect(
      transaction(t.db, async (tx) => {
        const { users } = tables(tx);
        await tx.update(users).set({ name: "Ada" }).where(eq(users.id, ada.id));
        await tx.update(users).set({ bio: "gone" }).where(eq(users.id, ada.id));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const after = await findUserByUsername(t.db, "ada");
    expect(after?.name).toBe("");
    expect(after?.bio).toBe("");
  });

  it("keeps an interleaved write of another async operation when the transaction fails, without deadlock", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    const inside = latch();
    const release = latch();
    const failing = transaction(t.db, async (tx) => {
      const { users } = tables(tx);
      await tx.update(users).set({ name: "rolled back" }).where(eq(users.id, ada.id));
      inside.open();
      await release.opened; // the body awaits something else while another request runs
      throw new Error("boom");
    });
    await inside.opened;
    // Another request writes the same row while the transaction is open.
    let otherDone = false;
    const other = setIntroMarkdown(t.db, ada.id, "kept").then(() => {
      otherDone = true;
    });
    if (dialect === "sqlite") {
      // One connection: the other write waits for the transaction instead of joining it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(otherDone).toBe(false);
      release.open();
    } else {
      // Its own pooled connection: it waits for the row lock, not for the body.
      setTimeout(release.open, 20);
    }
    await expect(failing).rejects.toThrow("boom");
    await other;
    const after = await findUserByUsername(t.db, "ada");
    expect(after?.introMarkdown).toBe("kept");
    expect(after?.name).toBe("");
  });

  it("runs the transaction's own statements, prepared ones included, while others wait", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    await createSession(t.db, { tokenHash: "h", userId: ada.id, now, idleTimeoutMs: 3600_000 });
    const seen = await transaction(t.db, async (tx) => {
      const row = await findSessionUser(tx, { tokenHash: "h", now, idleTimeoutMs: 3600_000, touchAfterMs: 1e9 });
      return row?.user.username;
    });
    expect(seen).toBe("ada");
  });

  it("nests as a savepoint: an inner failure undoes the inner writes only", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    await transaction(t.db, async (tx) => {
      const { users } = tables(tx);
      await tx.update(users).set({ name: "outer" }).where(eq(users.id, ada.id));
      await expect(
        transaction(tx, async (inner) => {
          await inner.update(users).set({ bio: "inner" }).where(eq(users.id, ada.id));
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
      await transaction(tx, async (inner) => {
        await inner.update(users).set({ location: "kept" }).where(eq(users.id, ada.id));
      });
    });
    const after = await findUserByUsername(t.db, "ada");
    expect([after?.name, after?.bio, after?.location]).toEqual(["outer", "", "kept"]);
  });

  it("serialises many concurrent transactions and plain statements, losing none", async () => {
    const ada = await createUser(t.db, { username: "ada", email: "ada@example.com", passwordHash: "x" });
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      work.push(createUser(t.db, { username: `u${i}`, email: `u${i}@example.com`, passwordHash: "x" }));
      work.push(setIntroMarkdown(t.db, ada.id, `intro ${i}`));
      work.push(
        transaction(t.db, async (tx) => {
          const { users } = tables(tx);
          const [row] = await forUpdate(tx, tx.select().from(users).where(eq(users.id, ada.id)));
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx
            .update(users)
            .set({ bio: `${row!.bio}x` })
            .where(eq(users.id, ada.id));
        }),
      );
    }
    await Promise.all(work);
    const after = await findUserByUsername(t.db, "ada");
    // Each read-modify-write saw the one before it (a lock on PostgreSQL, the gate on SQLite).
    expect(after?.bio).toBe("x".repeat(20));
    for (let i = 0; i < 20; i++) {
      expect(await findUserByUsername(t.db, `u${i}`)).toBeDefined();
    }
  });
});
