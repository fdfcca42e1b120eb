import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "beta-features",
  title: "Beta features",
  path: "beta-features",
  group: "Labs",
  order: 100,
  description: "Try features before they are released to everyone.",
  load: () => import("./page"),
});
