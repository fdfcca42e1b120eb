export { type FormatBytesOptions, formatBytes } from "@homebase/core/format-bytes";
export { ContrastBadge, type ContrastBadgeProps } from "./contrast-badge";
export {
  ErrorBoundary,
  type ErrorBoundaryFallbackProps,
  type ErrorBoundaryProps,
  ErrorFallback,
  type ErrorFallbackProps,
} from "./error-boundary";
export { formatRelativeTime } from "./format-relative-time";
export { LazyMenu, type LazyMenuProps, loadMenu } from "./lazy-menu";
export { notifyError, notifySuccess } from "./notify";
export { PageLoader, type PageLoaderProps } from "./page-loader";
export { RelativeTime, type RelativeTimeProps } from "./relative-time";
export { SAVED_NOTICE_MS, SaveStatus, type SaveStatusProps, useSavedNotice } from "./save-status";
export { SectionHeader, type SectionHeaderProps } from "./section-header";
export { SettingsCard, type SettingsCardProps } from "./settings-card";
export { cssVariablesResolver, theme } from "./theme";
export { UiProvider, type UiProviderProps } from "./ui-provider";
