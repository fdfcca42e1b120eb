import { Drawer, Stack, Text } from "@mantine/core";
import type { NavGroup } from "./build-nav";
import { SettingsNav } from "./settings-nav";

export interface MobileNavProps {
  /** Id of the drawer panel, referenced by the menu button's aria-controls. */
  id: string;
  opened: boolean;
  onClose: () => void;
  nav: readonly NavGroup[];
  username: string;
}

/**
 * The settings navigation below the `sm` breakpoint, in a drawer opened by the
 * header's menu button. Loaded on first use: desktop visitors never download it.
 */
export default function MobileNav({ id, opened, onClose, nav, username }: MobileNavProps) {
  return (
    <Drawer.Root opened={opened} onClose={onClose} size={300} hiddenFrom="sm">
      <Drawer.Overlay />
      <Drawer.Content id={id}>
        {/* A div, not Mantine's default <header>: the page already has its banner landmark. */}
        <Drawer.Header component="div">
          <Drawer.Title fw={600}>Settings</Drawer.Title>
          <Drawer.CloseButton aria-label="Close settings menu" />
        </Drawer.Header>
        <Drawer.Body>
          <Stack gap="lg">
            <Text size="sm">
              Signed in as <strong>{username}</strong>
            </Text>
            <nav aria-label="Settings">
              <SettingsNav nav={nav} onNavigate={onClose} />
            </nav>
          </Stack>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
