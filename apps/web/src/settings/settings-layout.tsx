import {
  isApiError,
  logout,
  type ShellContext,
  UnsavedChangesProvider,
  useBetaFeatures,
  useUnsavedChangesRegistry,
  useViewer,
} from "@homebase/settings-kit";
import { ErrorFallback, notifyError, PageLoader } from "@homebase/ui";
import { Box, Burger, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { Navigate, Outlet, useBlocker, useLocation, useNavigate } from "react-router";
import { loginPathFor } from "../auth/safe-next";
import { Brand } from "../brand";
import { UserMenu } from "../header/user-menu";
import { buildNav } from "../nav/build-nav";
import { SettingsNav } from "../nav/settings-nav";
import { sections } from "../sections";
import classes from "./settings-layout.module.css";
import { betaFlags, type SettingsOutletContext } from "./shell-context";
import { VerifyEmailBanner } from "./verify-email-banner";

const NAV_DRAWER_ID = "settings-nav-drawer";
const MobileNav = lazy(() => import("../nav/mobile-nav"));
// Loaded when first needed, like the drawer: Modal stays out of the shell's initial chunk.
const DiscardChangesDialog = lazy(() => import("./discard-changes-dialog"));

/**
 * /settings (and the team, run and admin pages): the header with the user menu, the grouped
 * navigation and the content column. Loads the
 * viewer first; a 401 sends the user to sign in and back here afterwards.
 */
export function SettingsLayout() {
  const viewer = useViewer();
  const beta = useBetaFeatures({ enabled: viewer.isSuccess });
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [menuOpened, menu] = useDisclosure(false);
  // The drawer's code loads on the first press of the menu button, then stays mounted.
  const [menuRequested, setMenuRequested] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  // Forms in sections report unsaved changes here; leaving the page (a link, Back) asks first.
  const unsaved = useUnsavedChangesRegistry();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved.isDirty() &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  const [askingLogout, setAskingLogout] = useState(false);

  const ctx = useMemo<ShellContext | undefined>(
    () => (viewer.data ? { viewer: viewer.data, betaFeatures: betaFlags(beta.data) } : undefined),
    [viewer.data, beta.data],
  );
  const nav = useMemo(() => (ctx ? buildNav(sections, ctx) : []), [ctx]);

  if (viewer.isError) {
    if (isApiError(viewer.error) && viewer.error.status === 401) {
      return <Navigate to={loginPathFor(location)} replace />;
    }
    return (
      <Box component="main" maw={560} mx="auto" p="xl">
        <ErrorFallback
          title="Could not load your settings"
          error={viewer.error}
          onRetry={() => void viewer.refetch()}
        />
      </Box>
    );
  }
  // Flagged sections depend on the beta features: wait for their first answer (a failure just hides
  // those sections). Only the first: a later refetch (a section retrying after an error puts the query
  // back to "pending") must not unmount the page, or the section would refetch again on mount, forever.
  if (!ctx || (beta.isPending && !beta.isFetched)) {
    return (
      <main>
        <PageLoader label="Loading your settings…" minHeight="100dvh" />
      </main>
    );
  }

  const onLogout = async (confirmed = false) => {
    if (unsaved.isDirty() && !confirmed) {
      setAskingLogout(true);
      return;
    }
    setLoggingOut(true);
    try {
      await logout();
    } catch (error) {
      // A session that is already gone is as good as logged out.
      if (!(isApiError(error) && error.status === 401)) {
        setLoggingOut(false);
        notifyError("Could not log out", error instanceof Error ? error.message : "Try again.");
        return;
      }
    }
    // Leave first (flushSync unmounts this layout at once), then forget the user's data: clearing
    // while mounted would refetch the viewer, get 401 and redirect to /login?next=… instead.
    await navigate("/login", { replace: true, flushSync: true });
    queryClient.clear();
  };

  const outlet: SettingsOutletContext = { ctx, nav };
  const { username } = ctx.viewer;
  return (
    <div className={classes.root}>
      <a href="#settings-content" className={classes.skipLink}>
        Skip to content
      </a>
      <header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" className={classes.headerInner}>
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={menuOpened}
              onClick={() => {
                setMenuRequested(true);
                menu.toggle();
              }}
              hiddenFrom="sm"
              size="sm"
              aria-label={menuOpened ? "Close settings menu" : "Open settings menu"}
              aria-expanded={menuOpened}
              aria-controls={NAV_DRAWER_ID}
            />
            <Brand />
            <Text c="dimmed" visibleFrom="xs" aria-hidden>
              /
            </Text>
            <Text fw={500} visibleFrom="xs">
              Settings
            </Text>
          </Group>
          <UserMenu viewer={ctx.viewer} onLogout={() => void onLogout()} loggingOut={loggingOut} />
        </Group>
      </header>

      <div className={classes.body}>
        <Box component="nav" aria-label="Settings" visibleFrom="sm" className={classes.sidebar}>
          <SettingsNav nav={nav} />
        </Box>
        <main id="settings-content" tabIndex={-1} className={classes.content}>
          {/* `=== false`: a viewer from before the field existed is not nagged. */}
          {ctx.viewer.emailVerified === false && <VerifyEmailBanner viewer={ctx.viewer} />}
          <UnsavedChangesProvider registry={unsaved.registry}>
            <Outlet context={outlet} />
          </UnsavedChangesProvider>
        </main>
      </div>

      {(blocker.state === "blocked" || askingLogout) && (
        <Suspense fallback={null}>
          <DiscardChangesDialog
            opened
            onKeep={() => {
              setAskingLogout(false);
              if (blocker.state === "blocked") blocker.reset();
            }}
            onDiscard={() => {
              unsaved.discardAll();
              if (blocker.state === "blocked") blocker.proceed();
              if (askingLogout) {
                setAskingLogout(false);
                void onLogout(true);
              }
            }}
          />
        </Suspense>
      )}

      {menuRequested && (
        <Suspense fallback={null}>
          <MobileNav id={NAV_DRAWER_ID} opened={menuOpened} onClose={menu.close} nav={nav} username={username} />
        </Suspense>
      )}
    </div>
  );
}
