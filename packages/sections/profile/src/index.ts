import { defineSettingsSection } from "@homebase/settings-kit";

export default defineSettingsSection({
  id: "profile",
  title: "Profile",
  path: "profile",
  group: "Account",
  order: 10,
  description: "How others see you: name, photo, links and the intro of your public profile.",
  load: () => import("./page"),
});
