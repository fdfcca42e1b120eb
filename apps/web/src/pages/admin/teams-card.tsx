import { errorMessage } from "@homebase/settings-kit";
import { ErrorFallback, formatBytes, notifySuccess, SettingsCard } from "@homebase/ui";
import { Dialog } from "@homebase/ui/dialogs";
import { Alert, Box, Button, Code, Group, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { type AdminTeam, adminTeamsKey, deleteTeamAsAdmin, useAdminTeams } from "./teams-api";

const members = (n: number) => (n === 1 ? "1 member" : `${n} members`);

/** Deleting a team: what goes is named, and the admin types the team's name to confirm. */
function DeleteTeamDialog({ team, onClose }: { team: AdminTeam | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(team);
  const [typed, setTyped] = useState("");
  if (team && team !== shown) {
    setShown(team);
    setTyped("");
  }
  const remove = useMutation({
    mutationFn: (name: string) => deleteTeamAsAdmin(name),
    onSuccess: async (_, name) => {
      notifySuccess(`Team ${name} was deleted. Its data is being purged.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: adminTeamsKey });
    },
  });
  const matches = shown !== null && typed.trim().toLowerCase() === shown.name;
  const close = () => {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (shown && matches) remove.mutate(shown.name);
  };
  return (
    <Dialog opened={team !== null} onClose={close} title={`Delete the team ${shown?.name ?? ""}?`} centered>
      <form onSubmit={submit} noValidate aria-label="Delete team">
        <Stack gap="md">
          <Text size="sm">
            This deletes <strong>{shown?.displayName}</strong> ({shown?.name}) and cannot be undone. Its{" "}
            {members(shown?.membersCount ?? 0)} {shown?.membersCount === 1 ? "loses" : "lose"} access at once and its
            service accounts' API keys stop working; then its projects, runs and {formatBytes(shown?.usedBytes ?? 0)} of
            stored files are purged. The name becomes free for anyone.
          </Text>
          {remove.isError && (
            <Alert color="red" variant="light" role="alert" title="The team was not deleted">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <TextInput
            label={
              <>
                Type the team name <Code>{shown?.name}</Code> to confirm
              </>
            }
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={remove.isPending}>
              Delete team
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Every team with its members and storage; an organisation admin can delete one (e.g. an orphan). */
export function TeamsCard() {
  const teams = useAdminTeams();
  const [deleting, setDeleting] = useState<AdminTeam | null>(null);
  let body: ReactNode;
  if (teams.isPending) {
    body = (
      <Stack gap="sm" aria-busy="true">
        <Skeleton height={14} width="40%" />
        <Skeleton height={14} width="60%" />
      </Stack>
    );
  } else if (teams.isError) {
    body = (
      <ErrorFallback
        title="Could not load the teams"
        error={errorMessage(teams.error)}
        onRetry={() => void teams.refetch()}
      />
    );
  } else if (teams.data.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        There are no teams yet.
      </Text>
    );
  } else {
    body = (
      <ul aria-label="Teams" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {teams.data.map((team, index) => (
          <Box
            key={team.name}
            component="li"
            py="sm"
            style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
          >
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                  {team.displayName}
                </Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {team.name} · {members(team.membersCount)} · {formatBytes(team.usedBytes)} used
                </Text>
              </Stack>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => setDeleting(team)}
                aria-label={`Delete team ${team.name}`}
                style={{ flexShrink: 0 }}
              >
                Delete
              </Button>
            </Group>
          </Box>
        ))}
      </ul>
    );
  }
  return (
    <SettingsCard
      title="Teams"
      description="Every team in this Homebase, with its members and the storage it uses. Deleting a team deletes its projects, runs and files."
    >
      {body}
      <DeleteTeamDialog team={deleting} onClose={() => setDeleting(null)} />
    </SettingsCard>
  );
}
