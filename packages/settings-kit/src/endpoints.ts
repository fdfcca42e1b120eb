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

/**
 * Account security (API.md, "Accounts and sessions"). Called directly rather than through
 * react-query mutations where a 401 means "wrong password", not "signed out".
 */

/** `POST /auth/verify-email`: uses the token of an e-mailed link (no session needed). 204. */
export async function verifyEmail(token: string): Promise<void> {
  await unwrap(v1.auth["verify-email"].$post({ json: { token } }));
}

/** `POST /me/email/verification`: sends the link again; answers where it went. 409 when nothing waits. */
export function resendVerification(): Promise<{ to: string }> {
  return unwrap(v1.me.email.verification.$post());
}

/** `POST /auth/password-reset`: 202 whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  await unwrap(v1.auth["password-reset"].$post({ json: { email } }));
}

/** `POST /auth/password-reset/confirm`: sets the new password and ends every session. 204. */
export async function confirmPasswordReset(token: string, password: string): Promise<void> {
  await unwrap(v1.auth["password-reset"].confirm.$post({ json: { token, password } }));
}
