import { errorMessage, useRefreshMemberships } from "@homebase/settings-kit";
import { notifyError, notifySuccess } from "@homebase/ui";
import { Box, Button, Card, Group, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { type JoinableTeam, joinTeam } from "./api";

function JoinRow({ team }: { team: JoinableTeam }) {
  const refresh = useRefreshMemberships();
  const join = useMutation({
    mutationFn: () => joinTeam(team.name),
    onSuccess: async () => {
      notifySuccess(`You are now a member of ${team.displayName}.`, "Joined");
      await refresh();
    },
    onError: (error) => notifyError(`Could not join ${team.displayName}`, errorMessage(error)),
  });
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {team.displayName}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {team.name}
        </Text>
      </Stack>
      <Button
        size="xs"
        variant="light"
        onClick={() => join.mutate()}
        loading={join.isPending}
        aria-label={`Join ${team.displayName}`}
      >
        Join
      </Button>
    </Group>
  );
}

/** "Show 12 teams you can join": says what opens, and shares no words with "Hide teams in public profile". */
export function joinListToggleLabel(open: boolean, count: number): string {
  if (open) return "Collapse the list";
  return count === 1 ? "Show 1 team you can join" : `Show ${count} teams you can join`;
}

/**
 * "We found teams for you to join": teams whose allowed email domain matches the user's email,
 * listed behind a disclosure button (aria-expanded, aria-controls).
 */
export function JoinableTeams({ teams }: { teams: readonly JoinableTeam[] }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (teams.length === 0) return null;
  return (
    <Card padding="lg" bg="light-dark(var(--mantine-color-blue-0), var(--mantine-color-dark-6))">
      <Group justify="space-between" gap="sm">
        <Text fw={500}>We found teams for you to join</Text>
        <Button
          size="xs"
          variant="default"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={listId}
        >
          {joinListToggleLabel(open, teams.length)}
        </Button>
      </Group>
      <Box id={listId} hidden={!open} mt={open ? "md" : 0}>
        {open && (
          <Stack
            component="ul"
            aria-label="Teams you can join"
            gap="sm"
            style={{ listStyle: "none", margin: 0, padding: 0 }}
          >
            {teams.map((team) => (
              <li key={team.name}>
                <JoinRow team={team} />
              </li>
            ))}
          </Stack>
        )}
      </Box>
    </Card>
  );
}
