import { DEPLOYMENT_MODES } from "@homebase/core";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testDialects } from "../testing";
import { updateOrgSettings } from "./org-settings";
import { ensureProject } from "./projects";
import { addTeamMember, createTeam, removeTeamMember } from "./teams";
import { resolveDefaultEntity, resolveWriteEntity, updateUserSettings, writableEntities } from "./user-settings";
import { createUser } from "./users";

let t: TestDatabase;

const user = (name: string) => createUser(t.db, { username: name, email: `${name}@example.com`, passwordHash: "x" });
const now = new Date("2026-01-01T00:00:00Z");

describe.each(testDialects())("%s", (dialect) => {
  beforeEach(async () => {
    t = await openTestDatabase({ dialect });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  describe("resolveWriteEntity", () => {
    it("prefers the explicit entity, then the header, then the default", async () => {
      const ada = await user("ada");
      const lab = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      await createTeam(t.db, { name: "ops", creatorId: ada.id });
      const mode = "self-managed" as const;
      expect((await resolveWriteEntity(t.db, { user: ada, mode, explicit: "ops", header: "lab" })).name).toBe("ops");
      expect((await resolveWriteEntity(t.db, { user: ada, mode, header: "LAB" })).name).toBe("lab");
      // The first team stays the default when the second arrives.
      expect((await resolveWriteEntity(t.db, { user: ada, mode })).name).toBe("lab");
      await updateUserSettings(t.db, ada.id, { defaultEntityId: ada.id }, now);
      expect((await resolveWriteEntity(t.db, { user: ada, mode })).name).toBe("ada");
      await updateUserSettings(t.db, ada.id, { defaultEntityId: lab.id }, now);
      expect((await resolveWriteEntity(t.db, { user: ada, mode })).name).toBe("lab");
      expect((await resolveWriteEntity(t.db, { user: ada, mode, explicit: "ada" })).kind).toBe("user");
    });

    it("refuses an entity the user does not belong to, as not found", async () => {
      const ada = await user("ada");
      const bob = await user("bob");
      await createTeam(t.db, { name: "bobs", creatorId: bob.id });
      await expect(resolveWriteEntity(t.db, { user: ada, mode: "dedicated", explicit: "bobs" })).rejects.toThrow(
        /no entity/,
      );
      await expect(resolveWriteEntity(t.db, { user: ada, mode: "dedicated", header: "bob" })).rejects.toThrow(
        /no entity/,
      );
    });

    it("forgets a default team the user has left", async () => {
      const ada = await user("ada");
      const bob = await user("bob");
      const lab = await createTeam(t.db, { name: "lab", creatorId: ada.id });
      await createTeam(t.db, { name: "ops", creatorId: bob.id });
      await addTeamMember(t.db, { teamId: lab.id, username: "bob", role: "admin" });
      await updateUserSettings(t.db, bob.id, { defaultEntityId: lab.id }, now);
      expect((await resolveDefaultEntity(t.db, bob, "self-managed")).name).toBe("lab");
      await removeTeamMember(t.db, { teamId: lab.id, userId: bob.id });
      expect((await resolveDefaultEntity(t.db, bob, "self-managed")).name).toBe("ops");
    });

    it("never returns an entity the caller may not write to (property)", async () => {
      const names = ["u0", "u1", "u2", "u3"];
      const users = await Promise.all(names.map(user));
      const teamNames = ["t0", "t1", "t2", "t3", "t4"];
      const teams: Awaited<ReturnType<typeof createTeam>>[] = [];
      for (const [i, name] of teamNames.entries())
        teams.push(await createTeam(t.db, { name, creatorId: users[i % users.length]!.id }));
      const candidates = [...names, ...teamNames, "ghost", "", "  T1 "];
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: users.length - 1 }),
          fc.constantFrom(...DEPLOYMENT_MODES),
          fc.option(fc.constantFrom(...candidates), { nil: undefined }),
          fc.option(fc.constantFrom(...candidates), { nil: undefined }),
          fc.option(fc.constantFrom(...[...users.map((u) => u.id), ...teams.map((x) => x.id)]), { nil: null }),
          fc.array(fc.tuple(fc.integer({ min: 0, max: teams.length - 1 }), fc.boolean()), { maxLength: 4 }),
          async (who, mode, explicit, header, storedDefault, churn) => {
            const me = users[who]!;
            for (const [teamIndex, join] of churn) {
              const team = teams[teamIndex]!;
              if (join)
                await addTeamMember(t.db, { teamId: team.id, username: me.username, role: "member" }).catch(() => {});
              else await removeTeamMember(t.db, { teamId: team.id, userId: me.id }).catch(() => {});
            }
            await updateUserSettings(t.db, me.id, { defaultEntityId: storedDefault }, now);
            const allowed = new Set((await writableEntities(t.db, me)).map((e) => e.id));
            try {
              const entity = await resolveWriteEntity(t.db, { user: me, mode, explicit, header });
              expect(allowed.has(entity.id)).toBe(true);
            } catch (error) {
              expect(String(error)).toMatch(/no entity/);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe("ensureProject", () => {
    it("creates a project once, with the creator's defaults as far as the organisation allows", async () => {
      const ada = await user("ada");
      // A fresh install starts private: nothing public until an admin allows it.
      const before = await ensureProject(t.db, { entityId: ada.id, name: "early", userId: ada.id });
      expect(before).toMatchObject({ privacy: "private", codeSaving: false });
      await updateOrgSettings(t.db, { allowPublicProjects: true, allowCodeSaving: true }, now);
      await updateUserSettings(t.db, ada.id, { defaultProjectPrivacy: "public", codeSavingEnabled: true }, now);
      const first = await ensureProject(t.db, { entityId: ada.id, name: "mnist", userId: ada.id });
      expect(first).toMatchObject({ name: "mnist", privacy: "public", codeSaving: true });
      const again = await ensureProject(t.db, { entityId: ada.id, name: "mnist", userId: ada.id });
      expect(again.id).toBe(first.id);
      await updateOrgSettings(t.db, { allowPublicProjects: false, allowCodeSaving: false }, now);
      const later = await ensureProject(t.db, { entityId: ada.id, name: "cifar", userId: ada.id });
      expect(later).toMatchObject({ privacy: "private", codeSaving: false });
    });
  });
});
