import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "alerts",
  title: "Alerts",
  path: "alerts",
  group: "Notifications",
  order: 10,
  description: "Which events reach you by e-mail and Slack, and what was sent.",
  load: () => import("./page"),
});
