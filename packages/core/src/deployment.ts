/**
 * How Homebase is deployed (DEPLOYMENT_MODE): `multi-tenant` (one installation for many
 * organisations: a person's default is always a team), `dedicated` (one organisation, run for it)
 * or `self-managed` (run by the organisation itself, the default).
 */
export const DEPLOYMENT_MODES = ["multi-tenant", "dedicated", "self-managed"] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];
