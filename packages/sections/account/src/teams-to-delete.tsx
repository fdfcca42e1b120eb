import { Alert, List, Text } from "@mantine/core";
import type { BlockingTeam } from "./blocking-teams";

/** The teams whose only member the user is: they are deleted with the account, with their data. */
export function TeamsToDelete({ teams }: { teams: readonly BlockingTeam[] }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={
        teams.length === 1
          ? "This team will be deleted with your account:"
          : "These teams will be deleted with your account:"
      }
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      <List size="sm" aria-label="Teams deleted with your account">
        {teams.map((team) => (
          <List.Item key={team.name} fw={600}>
            {team.displayName && team.displayName !== team.name ? `${team.displayName} (${team.name})` : team.name}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="xs">
        You are {teams.length === 1 ? "its" : "their"} only member: {teams.length === 1 ? "its" : "their"} projects,
        runs, stored files and service accounts go too, and the {teams.length === 1 ? "name becomes" : "names become"}{" "}
        free for others. To keep a team, add another member first.
      </Text>
    </Alert>
  );
}
