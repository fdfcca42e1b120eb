import { api, type RequestOf, type ResponseOf, unwrap } from "./client";

/**
 * Request functions for the routes every part of the UI needs, all through the typed client
 * (a changed route breaks the build here, not at run time). Each throws `ApiError` on non-2xx.
 */
const v1 = api.api.v1;

/** The signed-in user: the body of `GET /api/v1/viewer`. */
export type Viewer = ResponseOf<typeof v1.viewer.$get>;
/** The beta-feature catalogue with the viewer's choices (`GET /api/v1/me/beta-features`). */
export type BetaFeatureList = ResponseOf<(typeof v1.me)["beta-features"]["$get"]>;
export type BetaFeature = BetaFeatureList["items"][number];
export type SignupInput = RequestOf<typeof v1.auth.signup.$post>["json"];
export type LoginInput = RequestOf<typeof v1.auth.login.$post>["json"];
/** The account that signed up or in. */
export type User = ResponseOf<typeof v1.auth.login.$post>["user"];

/** The signed-in user's own profile: the body of `GET /api/v1/me`. */
export type Me = ResponseOf<typeof v1.me.$get>;

export function fetchViewer(): Promise<Viewer> {
  return unwrap(v1.viewer.$get());
}

export function fetchMe(): Promise<Me> {
  return unwrap(v1.me.$get());
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
  return unwrap(v1.me["beta-features"].$get());
}

export function setBetaFeature(key: string, enabled: boolean): Promise<Pick<BetaFeature, "key" | "enabled">> {
  return unwrap(v1.me["beta-features"][":key"].$put({ param: { key }, json: { enabled } }));
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
