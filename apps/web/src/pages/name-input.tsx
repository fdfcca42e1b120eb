import { TextInput, type TextInputProps } from "@mantine/core";

/**
 * A username or team name typed by an admin (add a member, a storage quota): no autofill,
 * capitals or spell-check, at most 64 characters as the API allows, the wide field of its row.
 */
export function NameInput(props: TextInputProps) {
  return (
    <TextInput
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      maxLength={64}
      style={{ flex: "1 1 220px" }}
      {...props}
    />
  );
}
