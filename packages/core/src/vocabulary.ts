/*
 * The closed sets of values the domain speaks in, each defined once: the database stores them
 * (the tables of both dialects take their enums from here), the API validates and documents
 * them, and the sections offer them. W&B's words where W&B has one (alert levels are
 * wandb.AlertLevel's INFO / WARN / ERROR).
 */

/** What an alert is about (a notification's kind). `test` is the "Send test" button's. */
export const NOTIFICATION_KINDS = ["run_finished", "run_crashed", "scriptable", "storage", "test"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** wandb.AlertLevel: how serious an alert is. */
export const ALERT_LEVELS = ["INFO", "WARN", "ERROR"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Where an alert can be delivered. */
export const CHANNELS = ["email", "slack"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A notification is queued for delivery, or throttled (recorded, sent nowhere). */
export const NOTIFICATION_STATUSES = ["queued", "throttled"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** One delivery of a notification to one channel. */
export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An API key's scope: everything (`full`), or GET requests and GraphQL queries only (`read`). */
export const API_KEY_SCOPES = ["full", "read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Why a key that still exists no longer works. */
export const API_KEY_REVOKED_REASONS = ["rotated", "expired", "leaked"] as const;
export type ApiKeyRevokedReason = (typeof API_KEY_REVOKED_REASONS)[number];

/** What a single-use e-mailed token is for. */
export const USER_TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/** A member's role in a team. */
export const TEAM_ROLES = ["admin", "member"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** What owns projects, runs and storage: a person or a team (W&B's entity). */
export const ENTITY_KINDS = ["user", "team"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Who may see a project. */
export const PROJECT_PRIVACIES = ["private", "public"] as const;
export type ProjectPrivacy = (typeof PROJECT_PRIVACIES)[number];
