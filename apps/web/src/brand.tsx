import { Anchor, Group } from "@mantine/core";
import { Link } from "react-router";

/** The product mark and name, linking home. */
export function Brand({ size = "lg" }: { size?: "md" | "lg" }) {
  const box = size === "lg" ? 26 : 22;
  return (
    <Anchor component={Link} to="/settings" c="bright" underline="never" fw={700} fz={size}>
      <Group gap={8} wrap="nowrap" component="span">
        <svg width={box} height={box} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
          <path d="M8 15.5 16 9l8 6.5V24h-5.5v-5h-5v5H8z" fill="#fff" />
        </svg>
        <span>Homebase</span>
      </Group>
    </Anchor>
  );
}
