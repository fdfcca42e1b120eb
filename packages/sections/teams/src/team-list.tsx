import { Anchor, Badge, Box, Card, EmptyState, Group, Stack, Text } from "@mantine/core";
import type { TeamSummary } from "./api";

/** The team page lives in the shell at /teams/:team. */
export function teamHref(name: string) {
  return `/teams/${encodeURIComponent(name)}`;
}

function RoleBadge({ role }: { role: TeamSummary["role"] }) {
  return (
    <Badge variant={role === "admin" ? "light" : "outline"} color={role === "admin" ? "blue" : "gray"} radius="sm">
      {role === "admin" ? "Admin" : "Member"}
    </Badge>
  );
}

/** Every team of the user with their role; each name opens the team page. */
export function TeamList({ teams }: { teams: readonly TeamSummary[] }) {
  if (teams.length === 0) {
    return (
      <Card padding="xl">
        <EmptyState
          title="You are not in a team yet"
          description="Teams share projects, runs and storage. Create one below, or ask a team admin to add you."
        />
      </Card>
    );
  }
  return (
    <Card padding={0}>
      <ul aria-label="Your teams" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {teams.map((team, index) => (
          <Box
            key={team.name}
            component="li"
            px="lg"
            py="md"
            style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
          >
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor href={teamHref(team.name)} fw={600} style={{ overflowWrap: "anywhere" }}>
                  {team.displayName}
                </Anchor>
                {team.displayName !== team.name && (
                  <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                    {team.name}
                  </Text>
                )}
              </Stack>
              <RoleBadge role={team.role} />
            </Group>
          </Box>
        ))}
      </ul>
    </Card>
  );
}
