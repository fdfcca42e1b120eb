import type { Me } from "../endpoints";
import type { ApiOutput } from "./mock-api";

/** An API key as `GET /me/api-keys` lists it (a service account's keys have the same fields). */
export type ApiKeyFixture = ApiOutput<"GET /api/v1/me/api-keys">["items"][number];

const DAY_MS = 24 * 3600_000;

/**
 * ISO timestamps relative to `now`: `at(3)` is three days later, `at(-1, 6)` a day earlier plus
 * six hours. Tests of expiry and "last used" build their keys' times with it.
 */
export function daysFrom(now: number = Date.now()) {
  return (days: number, hours = 0) => new Date(now + days * DAY_MS + hours * 3600_000).toISOString();
}

/**
 * A live full-scope API key called `id`, created 30 days before `now`, never used, without an
 * expiry; `over` changes any field (`{ expiresAt: at(3) }`, `{ revokedAt, revokedReason }`).
 */
export function makeApiKey(id: string, over: Partial<ApiKeyFixture> = {}, now: number = Date.now()): ApiKeyFixture {
  return {
    id,
    name: id,
    createdAt: daysFrom(now)(-30),
    lastUsedAt: null,
    scope: "full",
    expiresAt: null,
    revokedAt: null,
    revokedReason: null,
    recentAddresses: [],
    ...over,
  };
}

/** `GET /me` of ada (the user `makeViewer` signs in), verified, with an empty profile; `over` changes any field. */
export function makeMe(over: Partial<Me> = {}): Me {
  return {
    id: "u1",
    username: "ada",
    email: "ada@example.com",
    name: "Ada",
    institution: "",
    bio: "",
    location: "",
    websiteUrl: null,
    avatarUrl: null,
    introMarkdown: "",
    createdAt: "2025-01-01T00:00:00.000Z",
    emailVerified: true,
    pendingEmail: null,
    ...over,
  };
}

/** `GET /me/settings` as the default-team and teams sections read it. */
export type MySettingsFixture = ApiOutput<"GET /api/v1/me/settings">;

/** ada's settings: default entity acme, private projects, no code saving, everything allowed by the organisation. */
export function makeMySettings(over: Partial<MySettingsFixture> = {}): MySettingsFixture {
  return {
    defaultEntity: "acme",
    defaultProjectPrivacy: "private",
    codeSavingEnabled: false,
    hideTeamsInProfile: false,
    deploymentMode: "self-managed",
    orgAllowsPublicProjects: true,
    orgAllowsCodeSaving: true,
    ...over,
  };
}
