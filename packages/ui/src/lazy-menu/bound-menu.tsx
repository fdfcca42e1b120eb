import { Menu, type MenuProps } from "@mantine/core";
import { type ReactNode, useLayoutEffect } from "react";

/** What Mantine's `Menu.Target` gives its child (ARIA attributes, handlers, its ref). */
export type TargetProps = Record<string, unknown>;

export interface BoundMenuProps {
  menuProps: Omit<MenuProps, "children">;
  /** Receives `Menu.Target`'s props for the trigger that `LazyMenu` already rendered. */
  bind: (props: TargetProps) => void;
  children: (menu: typeof Menu) => ReactNode;
}

/** Stands where `Menu.Target`'s child would be and hands its props to the rendered trigger. */
function TargetProxy({ bind, ...props }: TargetProps & { bind: (props: TargetProps) => void }) {
  // After every render of the menu: its handlers close over its current state.
  useLayoutEffect(() => bind(props));
  return null;
}

/**
 * The part of `LazyMenu` that loads on first use: Mantine's `Menu` (with Popover and Floating UI)
 * bound to the trigger `LazyMenu` rendered before this code arrived.
 */
export function BoundMenu({ menuProps, bind, children }: BoundMenuProps) {
  return (
    <Menu {...menuProps}>
      <Menu.Target>
        <TargetProxy bind={bind} />
      </Menu.Target>
      {children(Menu)}
    </Menu>
  );
}
