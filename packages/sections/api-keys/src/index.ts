import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "api-keys",
  title: "API keys",
  path: "api-keys",
  group: "Access",
  order: 10,
  description: "Keys that let scripts and services act as you.",
  load: () => import("./page"),
});
