import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "account",
  title: "Account",
  path: "account",
  // With profile, default team and teams; deleting the account is the red card at the bottom.
  group: "Account",
  order: 40,
  description: "Your email address, password and signed-in sessions, and deleting your account.",
  load: () => import("./page"),
});

export {
  ACCOUNT_DELETED_NOTICE,
  AFTER_ACCOUNT_DELETED,
  clearAccountDeletedMark,
  hasAccountDeletedMark,
  markAccountDeleted,
} from "./deleted-notice";
