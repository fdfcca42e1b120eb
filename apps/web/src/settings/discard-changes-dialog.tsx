import { Dialog } from "@homebase/ui/dialogs";
import { Button, Group, Stack, Text } from "@mantine/core";

export interface DiscardChangesDialogProps {
  opened: boolean;
  onKeep: () => void;
  onDiscard: () => void;
}

/**
 * Asked before leaving a page whose form holds unsaved changes. Keep editing (the safe
 * choice, focused first) stays; Discard drops the changes and goes on.
 */
export default function DiscardChangesDialog({ opened, onKeep, onDiscard }: DiscardChangesDialogProps) {
  return (
    <Dialog opened={opened} onClose={onKeep} title="Discard changes?" centered>
      <Stack gap="md">
        <Text size="sm">You have changes on this page that are not saved. If you leave now, they are lost.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onKeep} data-autofocus>
            Keep editing
          </Button>
          <Button color="red" onClick={onDiscard}>
            Discard
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
