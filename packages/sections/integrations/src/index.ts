import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "integrations",
  title: "Integrations",
  path: "integrations",
  group: "Integrations",
  order: 10,
  description: "Connect GitHub and Slack to your account.",
  load: () => import("./page"),
});
