import { Badge, type BadgeProps } from "@mantine/core";

export type ContrastBadgeProps = BadgeProps & { color?: string };

/**
 * A light badge whose text keeps AA contrast in both colour schemes (Mantine's
 * light-variant text fails AA on its tint at badge size, even at shade 9).
 */
export function ContrastBadge({ color = "gray", children, ...props }: ContrastBadgeProps) {
  return (
    <Badge
      component="span"
      color={color}
      variant="light"
      {...props}
      styles={{
        root: {
          color: `light-dark(color-mix(in srgb, var(--mantine-color-${color}-9), black 35%), var(--mantine-color-${color}-2))`,
        },
        label: { overflow: "visible" },
      }}
    >
      {children}
    </Badge>
  );
}
