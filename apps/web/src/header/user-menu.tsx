import { useMe, type Viewer } from "@homebase/settings-kit";
import { LazyMenu } from "@homebase/ui";
import { Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown } from "@tabler/icons-react";
import { Link } from "react-router";
import { UserAvatar } from "./user-avatar";
import classes from "./user-menu.module.css";

export interface UserMenuProps {
  viewer: Viewer;
  /** Logs out (asking first when a form has unsaved changes). */
  onLogout: () => void;
  loggingOut: boolean;
}

/**
 * The header's user menu, top right as on GitHub and GitLab: the user's picture (or initials)
 * opens "Your profile", "Settings", "Admin" for organisation admins, and "Log out". A Mantine
 * menu: Enter, Space or ArrowDown opens it, the arrow keys move, Escape closes it. Its code
 * (Menu, Popover, Floating UI) is not in the shell's first download: `LazyMenu` renders the
 * button at once and fetches the menu when the pointer or the focus reaches it.
 */
export function UserMenu({ viewer, onLogout, loggingOut }: UserMenuProps) {
  // The profile picture is not part of /viewer. Until /me answers (or if it fails) the initials
  // of the username stand in; a new picture saved in Profile updates this cache entry (`GET /me`
  // is one query, shared with the Profile section).
  const me = useMe();
  const { username, admin } = viewer;
  const displayName = me.data?.name?.trim() || username;
  return (
    // In the header (its banner landmark), not a portal; no focus placeholder (a focusable
    // presentation element, which axe rejects inside role="menu"): ArrowDown focuses the first item.
    <LazyMenu
      position="bottom-end"
      width={240}
      withinPortal={false}
      withInitialFocusPlaceholder={false}
      target={
        <UnstyledButton
          className={classes.trigger}
          aria-label={`Account menu for ${username}`}
          aria-busy={loggingOut || undefined}
          disabled={loggingOut}
        >
          <UserAvatar src={me.data?.avatarUrl} name={displayName} />
          <IconChevronDown size={12} stroke={2.5} aria-hidden="true" />
        </UnstyledButton>
      }
    >
      {(Menu) => (
        <Menu.Dropdown>
          <div className={classes.identity}>
            <Text size="xs" c="dimmed">
              Signed in as
            </Text>
            <Text size="sm" fw={600} className={classes.username}>
              {username}
            </Text>
          </div>
          <Menu.Divider />
          <Menu.Item component={Link} to={`/u/${encodeURIComponent(username)}`}>
            Your profile
          </Menu.Item>
          <Menu.Item component={Link} to="/settings">
            Settings
          </Menu.Item>
          {admin && (
            <Menu.Item component={Link} to="/admin">
              Admin
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item onClick={onLogout}>Log out</Menu.Item>
        </Menu.Dropdown>
      )}
    </LazyMenu>
  );
}
