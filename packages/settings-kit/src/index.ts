export {
  ApiError,
  errorMessage,
  type FieldError,
  isApiError,
  NetworkError,
  type ProblemDocument,
  parseRetryAfter,
} from "./api-error";
export { api, type RequestOf, type ResponseOf, type SuccessBody, unwrap } from "./client";
export {
  type BetaFeature,
  type BetaFeatureList,
  confirmPasswordReset,
  fetchBetaFeatures,
  fetchMe,
  fetchViewer,
  type LoginInput,
  login,
  logout,
  type Me,
  requestPasswordReset,
  resendVerification,
  type SignupInput,
  setBetaFeature,
  signup,
  type User,
  type Viewer,
  verifyEmail,
} from "./endpoints";
export {
  type FieldRefs,
  type FormErrors,
  type FormState,
  fieldErrorMessage,
  type Refusal,
  type RefusalOptions,
  refusalErrors,
  useFieldRefs,
  useFormState,
} from "./form-fields";
export { useRefreshMemberships } from "./memberships";
export {
  NEW_PASSWORD_HINT,
  type NewPasswordErrors,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordRuleError,
  tooManyAttemptsMessage,
  validateNewPassword,
} from "./password-rules";
export {
  type CreateQueryClientOptions,
  createQueryClient,
  queryKeys,
  type ResendResult,
  type ResendVerification,
  type ResendVerificationTexts,
  SettingsQueryProvider,
  type SettingsQueryProviderProps,
  useBetaFeatures,
  useMe,
  useResendVerification,
  useViewer,
} from "./query";
export {
  defineSettingsSection,
  isSectionVisible,
  SETTINGS_GROUPS,
  type SettingsGroup,
  type SettingsSection,
  type ShellContext,
} from "./section";
export {
  type UnsavedChangesOptions,
  UnsavedChangesProvider,
  type UnsavedChangesRegistry,
  type UnsavedChangesState,
  useUnsavedChanges,
  useUnsavedChangesRegistry,
} from "./unsaved-changes";
export { homebaseUrl, WANDB_ENV, wandbSetupScript } from "./wandb";
