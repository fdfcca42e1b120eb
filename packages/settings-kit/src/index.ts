export {
  ApiError,
  errorMessage,
  type FieldError,
  isApiError,
  NetworkError,
  type ProblemDocument,
  parseRetryAfter,
} from "./api-error";
export { API_BASE, type ApiFetchInit, api, apiFetch, type SuccessBody, sameOriginFetch, unwrap } from "./client";
export {
  confirmPasswordReset,
  fetchBetaFeatures,
  fetchViewer,
  login,
  logout,
  requestPasswordReset,
  resendVerification,
  setBetaFeature,
  signup,
  verifyEmail,
} from "./endpoints";
export {
  NEW_PASSWORD_HINT,
  type NewPasswordErrors,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  tooManyAttemptsMessage,
  validateNewPassword,
} from "./password-rules";
export {
  type CreateQueryClientOptions,
  createQueryClient,
  queryKeys,
  SettingsQueryProvider,
  type SettingsQueryProviderProps,
  useBetaFeatures,
  useViewer,
} from "./query";
export {
  defineSettingsSection,
  isSectionVisible,
  SETTINGS_GROUPS,
  type SettingsGroup,
  type SettingsSection,
  type ShellContext,
  type Viewer,
} from "./section";
export type { BetaFeature, BetaFeatureList, LoginInput, SignupInput, User } from "./types";
export {
  type UnsavedChangesOptions,
  UnsavedChangesProvider,
  type UnsavedChangesRegistry,
  type UnsavedChangesState,
  useUnsavedChanges,
  useUnsavedChangesRegistry,
} from "./unsaved-changes";
export { homebaseUrl, WANDB_ENV, wandbSetupScript } from "./wandb";
