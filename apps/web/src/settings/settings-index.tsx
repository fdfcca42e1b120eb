import { EmptyState } from "@mantine/core";
import { Navigate } from "react-router";
import { firstSection } from "../nav/build-nav";
import { useSettingsOutlet } from "./shell-context";

/** /settings opens the first section of the navigation. */
export function SettingsIndex() {
  const { nav } = useSettingsOutlet();
  const first = firstSection(nav);
  if (first) return <Navigate to={`/settings/${first.path}`} replace />;
  return <EmptyState mt="xl" title="Nothing to set up yet" description="No settings sections are available to you." />;
}
