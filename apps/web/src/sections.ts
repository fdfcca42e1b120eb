/**
 * THE list of settings sections. Adding a section = a package under
 * packages/sections/<id> plus one line here. Order and grouping in the
 * navigation come from each section's definition (`group`, `order`).
 */
import account from "@homebase/section-account";
import alerts from "@homebase/section-alerts";
import apiKeys from "@homebase/section-api-keys";
import betaFeatures from "@homebase/section-beta-features";
import defaultTeam from "@homebase/section-default-team";
import integrations from "@homebase/section-integrations";
import profile from "@homebase/section-profile";
import storage from "@homebase/section-storage";
import teams from "@homebase/section-teams";
import type { SettingsSection } from "@homebase/settings-kit";

export const sections: readonly SettingsSection[] = [
  profile,
  defaultTeam,
  teams,
  apiKeys,
  alerts,
  integrations,
  storage,
  betaFeatures,
  account,
];
