import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import { MantineProvider } from "@mantine/core";
import { lazy, type ReactNode, Suspense } from "react";
import { cssVariablesResolver, theme } from "./theme";

// The toast area is not needed for the first paint; keep it out of the initial bundle.
const NotificationsHost = lazy(() => import("./notifications-host"));

export interface UiProviderProps {
  children: ReactNode;
  /** Mantine's "test" environment: no transitions or portals (for jsdom tests). */
  env?: "default" | "test";
}

/**
 * Theme, colour scheme (light/dark following the system) and the toast area.
 * The shell and every section's dev harness wrap their tree in it.
 */
export function UiProvider({ children, env = "default" }: UiProviderProps) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" env={env}>
      <Suspense fallback={null}>
        <NotificationsHost />
      </Suspense>
      {children}
    </MantineProvider>
  );
}
