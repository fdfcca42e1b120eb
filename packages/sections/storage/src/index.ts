import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "storage",
  title: "Storage",
  path: "storage",
  group: "Usage",
  order: 10,
  description: "How much of your storage plan you use, and where it goes.",
  load: () => import("./page"),
});
