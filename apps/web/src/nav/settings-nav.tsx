import { NavLink, Stack, Text } from "@mantine/core";
import { useId } from "react";
import { NavLink as RouterNavLink, useLocation } from "react-router";
import { preloadSection } from "../settings/section-code";
import { activeSectionPath, type NavGroup } from "./build-nav";
import classes from "./settings-nav.module.css";

export interface SettingsNavProps {
  nav: readonly NavGroup[];
  /** Called after a link is followed (closes the mobile menu). */
  onNavigate?: () => void;
}

/**
 * The grouped list of settings sections, the current one highlighted (also on a page that belongs
 * to a section, such as a team's page under Teams). A link's section starts loading when the
 * pointer or focus reaches it.
 */
export function SettingsNav({ nav, onNavigate }: SettingsNavProps) {
  const { pathname } = useLocation();
  // A section's own page, or a page that belongs to it (a team's page under Teams).
  const activePath = activeSectionPath(pathname);
  const baseId = useId();
  return (
    <Stack gap="lg">
      {nav.map(({ group, sections }) => {
        const headingId = `${baseId}-${group.replace(/\s+/g, "-").toLowerCase()}`;
        return (
          <div key={group}>
            <Text
              id={headingId}
              size="xs"
              fw={700}
              c="dimmed"
              tt="uppercase"
              px="sm"
              mb={4}
              style={{ letterSpacing: 0.4 }}
            >
              {group}
            </Text>
            <ul aria-labelledby={headingId} className={classes.list}>
              {sections.map((section) => {
                const to = `/settings/${section.path}`;
                return (
                  <li key={section.id}>
                    <NavLink
                      component={RouterNavLink}
                      to={to}
                      label={section.title}
                      active={section.path === activePath}
                      color={group === "Danger zone" ? "red" : undefined}
                      onClick={onNavigate}
                      onMouseEnter={() => preloadSection(section)}
                      onFocus={() => preloadSection(section)}
                      className={classes.link}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </Stack>
  );
}
