import type { BetaFeatureList, ShellContext } from "@homebase/settings-kit";
import { useOutletContext } from "react-router";
import type { NavGroup } from "../nav/build-nav";

export interface SettingsOutletContext {
  ctx: ShellContext;
  nav: NavGroup[];
}

/** What the settings layout hands to its child routes. */
export function useSettingsOutlet(): SettingsOutletContext {
  return useOutletContext<SettingsOutletContext>();
}

/** Beta-feature key → enabled, from the catalogue answer. */
export function betaFlags(list: BetaFeatureList | undefined): Record<string, boolean> {
  const flags: Record<string, boolean> = {};
  for (const item of list?.items ?? []) flags[item.key] = item.enabled;
  return flags;
}
