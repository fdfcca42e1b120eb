import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";

export interface RemoveAvatarDialogProps {
  opened: boolean;
  removing: boolean;
  /** Why the last attempt failed, if it did. */
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * "Remove your profile picture?" Loaded on first use (with Mantine's modal and scroll
 * code), so the profile page itself stays small.
 */
export default function RemoveAvatarDialog({ opened, removing, error, onConfirm, onClose }: RemoveAvatarDialogProps) {
  return (
    <Modal.Root opened={opened} onClose={onClose} centered>
      <Modal.Overlay />
      <Modal.Content>
        {/* A div, not Mantine's default <header>: the page already has its banner landmark. */}
        <Modal.Header component="div">
          <Modal.Title fw={600}>Remove your profile picture?</Modal.Title>
          <Modal.CloseButton aria-label="Keep the picture" />
        </Modal.Header>
        <Modal.Body>
          <Stack gap="md">
            <Text size="sm">
              Your picture is deleted from Homebase. Your profile and public page show your initials instead until you
              upload a new one.
            </Text>
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={removing}>
                Cancel
              </Button>
              <Button color="red" onClick={onConfirm} loading={removing}>
                Remove picture
              </Button>
            </Group>
          </Stack>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
