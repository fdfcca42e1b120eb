import { Switch, type SwitchProps } from "@mantine/core";

export interface SettingSwitchProps extends Omit<SwitchProps, "onChange" | "label" | "aria-label"> {
  /** The setting's name: the visible label and the switch's accessible name. */
  label: string;
  /** Called with the new state; settings switches save at once. */
  onChange: (checked: boolean) => void;
}

/**
 * `@homebase/ui/setting-switch`, a subpath of its own: reached from the main entry, Mantine's
 * Switch would land in the shell's initial chunk (+4 KB gzip), though only later pages use it.
 *
 * One on/off setting as a row: name and description on the left, the switch on the right
 * (beta features, organisation policies, "Hide teams in public profile").
 */
export function SettingSwitch({ label, onChange, ...props }: SettingSwitchProps) {
  return (
    <Switch
      {...props}
      onChange={(event) => onChange(event.currentTarget.checked)}
      label={label}
      aria-label={label}
      labelPosition="left"
      size="md"
      styles={{
        body: { justifyContent: "space-between", gap: "var(--mantine-spacing-lg)" },
        labelWrapper: { flex: 1 },
        label: { fontWeight: 600, paddingInline: 0 },
        description: { paddingInline: 0, marginTop: 4 },
      }}
    />
  );
}
