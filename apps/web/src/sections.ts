/**
 * THE list of settings sections. Adding a section = a package under
 * packages/sections/<id> plus one line here. Order and grouping in the
 * navigation come from each section's definition (`group`, `order`).
 */
import betaFeatures from "@homebase/section-beta-features";
import type { SettingsSection } from "@homebase/settings-kit";

export const sections: readonly SettingsSection[] = [betaFeatures];
