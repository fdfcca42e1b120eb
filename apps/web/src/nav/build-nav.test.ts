import {
  defineSettingsSection,
  isSectionVisible,
  SETTINGS_GROUPS,
  type SettingsSection,
  type ShellContext,
} from "@homebase/settings-kit";
import { describe, expect, it } from "vitest";
import { sections as registry } from "../sections";
import { activeSectionPath, assertUniqueSections, buildNav, findSection, firstSection } from "./build-nav";

const Page = () => null;
const load = async () => ({ default: Page });

function section(overrides: Partial<SettingsSection> & Pick<SettingsSection, "id" | "group">): SettingsSection {
  return defineSettingsSection({
    title: overrides.id.replace(/-/g, " "),
    path: overrides.id,
    order: 0,
    description: `Settings for ${overrides.id}.`,
    load,
    ...overrides,
  });
}

function ctx(overrides: Partial<ShellContext> = {}): ShellContext {
  return {
    viewer: {
      id: "u1",
      username: "ada",
      email: "ada@example.com",
      entity: "ada",
      teams: ["ml"],
      admin: false,
      emailVerified: true,
    },
    betaFeatures: {},
    ...overrides,
  };
}

const deleteAccount = section({ id: "account", title: "Delete account", group: "Danger zone", order: 1 });
const betaFeatures = section({ id: "beta-features", title: "Beta features", group: "Labs", order: 100 });
const profile = section({ id: "profile", title: "Profile", group: "Account", order: 1 });
const teams = section({ id: "teams", title: "Teams", group: "Account", order: 3 });
const defaultTeam = section({
  id: "default-team",
  title: "Default team",
  group: "Account",
  order: 2,
  visible: ({ viewer }) => viewer.teams.length > 1,
});
const apiKeys = section({ id: "api-keys", title: "API keys", group: "Access", order: 1 });
const lineage = section({
  id: "lineage",
  title: "Lineage",
  group: "Labs",
  order: 5,
  featureFlag: "artifact-lineage-graph",
});
const adminOnly = section({
  id: "org",
  title: "Organisation",
  group: "Access",
  order: 9,
  visible: (c) => c.viewer.admin,
});

const all = [deleteAccount, betaFeatures, profile, teams, defaultTeam, apiKeys, lineage, adminOnly];

function shape(nav: ReturnType<typeof buildNav>) {
  return nav.map((g) => [g.group, g.sections.map((s) => s.id)]);
}

describe("buildNav", () => {
  it("groups sections under the fixed group order and sorts by order inside a group", () => {
    const nav = buildNav(all, ctx({ viewer: { ...ctx().viewer, teams: ["ml", "vision"] } }));
    expect(shape(nav)).toEqual([
      ["Account", ["profile", "default-team", "teams"]],
      ["Access", ["api-keys"]],
      ["Labs", ["beta-features"]],
      ["Danger zone", ["account"]],
    ]);
  });

  it("leaves out groups that have no visible section", () => {
    const nav = buildNav([deleteAccount, betaFeatures], ctx());
    expect(nav.map((g) => g.group)).toEqual(["Labs", "Danger zone"]);
  });

  it("hides a section whose visible(ctx) says no, and shows it when the context changes", () => {
    expect(shape(buildNav([profile, defaultTeam], ctx()))).toEqual([["Account", ["profile"]]]);
    const twoTeams = ctx({ viewer: { ...ctx().viewer, teams: ["ml", "vision"] } });
    expect(shape(buildNav([profile, defaultTeam], twoTeams))).toEqual([["Account", ["profile", "default-team"]]]);
  });

  it("shows a feature-flagged section only while its beta feature is on", () => {
    expect(shape(buildNav([lineage, betaFeatures], ctx()))).toEqual([["Labs", ["beta-features"]]]);
    expect(
      shape(buildNav([lineage, betaFeatures], ctx({ betaFeatures: { "artifact-lineage-graph": false } }))),
    ).toEqual([["Labs", ["beta-features"]]]);
    expect(shape(buildNav([lineage, betaFeatures], ctx({ betaFeatures: { "artifact-lineage-graph": true } })))).toEqual(
      [["Labs", ["lineage", "beta-features"]]],
    );
  });

  it("shows admin-only sections to admins", () => {
    const admin = ctx({ viewer: { ...ctx().viewer, admin: true } });
    expect(shape(buildNav([apiKeys, adminOnly], admin))).toEqual([["Access", ["api-keys", "org"]]]);
    expect(shape(buildNav([apiKeys, adminOnly], ctx()))).toEqual([["Access", ["api-keys"]]]);
  });

  it("breaks order ties by title and does not reorder its input", () => {
    const b = section({ id: "b", title: "Bravo", group: "Usage", order: 1 });
    const a = section({ id: "a", title: "Alpha", group: "Usage", order: 1 });
    const input = [b, a];
    expect(shape(buildNav(input, ctx()))).toEqual([["Usage", ["a", "b"]]]);
    expect(input.map((s) => s.id)).toEqual(["b", "a"]);
  });

  it("picks the first visible section for /settings", () => {
    expect(firstSection(buildNav(all, ctx()))?.id).toBe("profile");
    expect(firstSection(buildNav([deleteAccount, lineage], ctx()))?.id).toBe("account");
    expect(firstSection(buildNav([lineage], ctx()))).toBeUndefined();
  });
});

describe("section registry", () => {
  // Rules every registered section follows, whatever sections there are: adding one changes no test here.
  it("holds sections with unique ids and paths, each under a known group, found by its path", () => {
    expect(registry.length).toBeGreaterThan(0);
    expect(() => assertUniqueSections(registry)).not.toThrow();
    for (const section of registry) {
      expect(SETTINGS_GROUPS).toContain(section.group);
      expect(findSection(registry, section.path)).toBe(section);
      expect(typeof section.load).toBe("function");
    }
    expect(findSection(registry, "nope")).toBeUndefined();
  });

  it("navigates groups in the style guide's order and sections by order, for any viewer", () => {
    const viewers = [ctx(), ctx({ viewer: { ...ctx().viewer, teams: ["ml", "vision"], admin: true } })];
    for (const viewer of viewers) {
      const nav = buildNav(registry, viewer);
      const groups = nav.map((g) => SETTINGS_GROUPS.indexOf(g.group));
      expect(groups).toEqual([...groups].sort((a, b) => a - b));
      for (const { sections } of nav) {
        const orders = sections.map((s) => s.order);
        expect(orders).toEqual([...orders].sort((a, b) => a - b));
        expect(sections.every((s) => isSectionVisible(s, viewer))).toBe(true);
      }
    }
  });

  it("rejects duplicate ids and paths", () => {
    expect(() => assertUniqueSections([profile, { ...teams, id: "profile" }])).toThrow(/id "profile"/);
    expect(() => assertUniqueSections([profile, { ...teams, path: "profile" }])).toThrow(/path "profile"/);
  });

  it("rejects a path that is not one URL segment", () => {
    expect(() => section({ id: "x", group: "Usage", path: "usage/storage" })).toThrow(/one lower-case URL segment/);
  });
});

describe("activeSectionPath", () => {
  it("highlights a section on its own page and Teams on a team's page", () => {
    expect(activeSectionPath("/settings/profile")).toBe("profile");
    expect(activeSectionPath("/settings/api-keys/")).toBe("api-keys");
    expect(activeSectionPath("/teams/acme")).toBe("teams");
    expect(activeSectionPath("/teams/acme/")).toBe("teams");
  });

  it("highlights nothing elsewhere", () => {
    expect(activeSectionPath("/settings")).toBeUndefined();
    expect(activeSectionPath("/teams")).toBeUndefined();
    expect(activeSectionPath("/admin")).toBeUndefined();
    expect(activeSectionPath("/runs/ada/demo/abc")).toBeUndefined();
    expect(activeSectionPath("/constructor/x")).toBeUndefined();
    expect(activeSectionPath("/")).toBeUndefined();
  });
});
