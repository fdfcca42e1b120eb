import type { api, ResponseOf } from "@homebase/settings-kit";
import { Alert, Anchor, List, Text } from "@mantine/core";
import { Link } from "react-router";

/** A team of `GET /me/deletion-check`'s `blockingTeams`. */
export type BlockingTeam = ResponseOf<(typeof api.api.v1.me)["deletion-check"]["$get"]>["blockingTeams"][number];

/** The teams whose last admin the user is while other members remain, with links to them. */
export function BlockingTeams({ teams }: { teams: readonly BlockingTeam[] }) {
  return (
    <Alert
      color="orange"
      variant="light"
      title="First hand over your teams"
      styles={{ title: { color: "var(--mantine-color-text)" } }}
    >
      <Text size="sm">
        You are the last admin of {teams.length === 1 ? "this team, which still has" : "these teams, which still have"}{" "}
        other members. Make another member an admin, or remove the other members, before you delete your account.
      </Text>
      <List size="sm" mt="xs">
        {teams.map((team) => (
          <List.Item key={team.name}>
            <Anchor
              component={Link}
              to={`/teams/${encodeURIComponent(team.name)}`}
              underline="always"
              size="sm"
              fw={600}
              // Text colour: the theme's link blue fails contrast on the orange tint in dark mode.
              c="var(--mantine-color-text)"
            >
              {team.displayName && team.displayName !== team.name ? `${team.displayName} (${team.name})` : team.name}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
