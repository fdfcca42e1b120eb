import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "default-team",
  title: "Default team",
  path: "default-team",
  group: "Account",
  order: 20,
  description: "Where new projects and runs go when a program does not name an entity.",
  visible: (ctx) => ctx.viewer.teams.length > 1,
  load: () => import("./page"),
});
