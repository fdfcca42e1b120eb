import { api, apiFetch, unwrap } from "./client";
import type { Viewer } from "./section";
import type { BetaFeature, BetaFeatureList, LoginInput, SignupInput, User } from "./types";

/**
 * Request functions for the routes every part of the UI needs. Each throws
 * `ApiError` on non-2xx. They use the typed client where AppType describes the
 * route (so a changed route breaks the build here, not at run time).
 *
 * TODO(api): the routes behind `requirePrincipal`/`requireUser` are missing
 * from AppType, because apps/api/src/routes/index.ts chains `.use("*", …)`
 * before `.route(…)` and the schema is lost when that router is mounted.
 * Until that is fixed they go through `apiFetch` with the types from API.md.
 */
const v1 = api.api.v1;

export function fetchViewer(): Promise<Viewer> {
  return apiFetch<Viewer>("/viewer");
}

export function signup(input: SignupInput): Promise<{ user: User }> {
  return unwrap(v1.auth.signup.$post({ json: input }));
}

export function login(input: LoginInput): Promise<{ user: User }> {
  return unwrap(v1.auth.login.$post({ json: input }));
}

export async function logout(): Promise<void> {
  await unwrap(v1.auth.logout.$post());
}

export function fetchBetaFeatures(): Promise<BetaFeatureList> {
  return apiFetch<BetaFeatureList>("/me/beta-features");
}

export function setBetaFeature(key: string, enabled: boolean): Promise<Pick<BetaFeature, "key" | "enabled">> {
  return apiFetch(`/me/beta-features/${encodeURIComponent(key)}`, { method: "PUT", json: { enabled } });
}
