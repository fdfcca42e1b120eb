/**
 * `@homebase/section-api-keys/lifecycle`: the parts of the key table that service-account keys
 * on the team page share with personal keys (expiry, scope, status, addresses, rotation).
 */
export {
  allowedChoice,
  customDateBounds,
  customDateError,
  defaultExpiryChoice,
  EXPIRY_PRESET_DAYS,
  type ExpiryChoice,
  expiresAtFor,
  expiryOptions,
  maxDaysFromMessage,
} from "./expiry-choice";
export { KeyExpiry, ScopeBadge } from "./key-badges";
export { EMPTY_FILTER_TEXT, KeyListControls, type KeyListControlsProps } from "./key-list-controls";
export { type KeyLifetime, KeyLifetimeFields, type KeyLifetimeState, useKeyLifetime } from "./lifetime-fields";
export { useMaxKeyLifetime } from "./max-lifetime";
export {
  canRotate,
  expiryLabel,
  filterCounts,
  filterKeys,
  isLive,
  KEY_FILTERS,
  KEY_SORTS,
  type KeyFilter,
  type KeyScope,
  type KeySort,
  type KeyState,
  keyState,
  type LifecycleKey,
  type RecentAddress,
  type RevokedReason,
  SCOPE_LABELS,
  sortKeys,
  statusLabel,
} from "./model";
export {
  NewKeyDialog,
  type NewKeyDialogProps,
  type NewKeyInput,
  type NewKeyMutation,
  type NewKeyTexts,
} from "./new-key-dialog";
export { RecentAddresses } from "./recent-addresses";
export { type RotatedKey, RotateKeyDialog, type RotateKeyDialogProps } from "./rotate-key-dialog";
export { describeUserAgent } from "./user-agent";
