import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "account",
  title: "Delete account",
  path: "account",
  group: "Danger zone",
  order: 10,
  description: "Delete your account and everything in it.",
  load: () => import("./page"),
});
