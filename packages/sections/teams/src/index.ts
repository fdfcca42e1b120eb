import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "teams",
  title: "Teams",
  path: "teams",
  group: "Account",
  order: 30,
  description: "The teams you belong to, and teams you can join.",
  load: () => import("./page"),
});
