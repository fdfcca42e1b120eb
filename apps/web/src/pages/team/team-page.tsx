import { errorMessage, isApiError, useRefreshMemberships, useViewer } from "@homebase/settings-kit";
import { ErrorFallback, PageLoader, SectionHeader } from "@homebase/ui";
import { Anchor, Box, Group, Stack, Tabs, Text } from "@mantine/core";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useDocumentTitle } from "../../use-document-title";
import { MembersPanel } from "./members-panel";
import { ServiceAccountsPanel } from "./service-accounts-panel";
import { useTeam } from "./team-api";

const TABS = ["members", "service-accounts"] as const;
type Tab = (typeof TABS)[number];

/**
 * Settings › Teams › <team>: where the team page sits, and the way back to the list of teams
 * (the navigation highlights Teams as well).
 */
function TeamBreadcrumbs({ current }: { current: string }) {
  const separator = (
    <Text span c="dimmed" aria-hidden="true" px={6}>
      ›
    </Text>
  );
  return (
    <Box component="nav" aria-label="Breadcrumb" mb="md">
      <Group component="ol" gap={0} wrap="wrap" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        <Text component="li" size="sm">
          <Anchor component={Link} to="/settings" size="sm">
            Settings
          </Anchor>
          {separator}
        </Text>
        <Text component="li" size="sm">
          <Anchor component={Link} to="/settings/teams" size="sm">
            Teams
          </Anchor>
          {separator}
        </Text>
        <Text component="li" size="sm" aria-current="page" style={{ overflowWrap: "anywhere" }}>
          {current}
        </Text>
      </Group>
    </Box>
  );
}

function TeamNotFound({ name }: { name: string }) {
  useDocumentTitle("Team not found · Homebase");
  return (
    <>
      <TeamBreadcrumbs current={name} />
      <SectionHeader title="Team not found" description={`There is no team “${name}” that you belong to.`} />
      <Text>
        The team may not exist, or you are not one of its members. Teams you can join are listed in{" "}
        <Anchor component={Link} to="/settings/teams" underline="always">
          your Teams settings
        </Anchor>
        .
      </Text>
    </>
  );
}

/** /teams/:team — a team's members and, for its admins, membership controls and service accounts. */
export function TeamPage() {
  const name = (useParams().team ?? "").toLowerCase();
  const team = useTeam(name);
  const viewer = useViewer();
  const navigate = useNavigate();
  const refresh = useRefreshMemberships();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(`${team.data?.displayName ?? name} · Teams · Homebase`);

  if (team.isError) {
    if (isApiError(team.error) && team.error.status === 404) return <TeamNotFound name={name} />;
    return (
      <ErrorFallback
        title="Could not load this team"
        error={errorMessage(team.error)}
        onRetry={() => void team.refetch()}
      />
    );
  }
  if (!team.data || !viewer.data) return <PageLoader label="Loading the team…" />;

  const data = team.data;
  const isAdmin = data.role === "admin";
  const requested = params.get("tab");
  const tab: Tab = isAdmin && requested === "service-accounts" ? "service-accounts" : "members";
  const onLeft = async () => {
    await navigate("/settings/teams", { replace: true });
    await refresh();
  };

  const members = <MembersPanel team={data} username={viewer.data.username} onLeft={() => void onLeft()} />;
  return (
    <>
      <TeamBreadcrumbs current={data.displayName} />
      <SectionHeader
        title={data.displayName}
        description={`Team ${data.name} · you are ${isAdmin ? "an admin" : "a member"}`}
      />
      {isAdmin ? (
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value === "service-accounts") next.set("tab", value);
            else next.delete("tab");
            setParams(next, { replace: true });
          }}
          keepMounted={false}
        >
          <Tabs.List mb="lg">
            <Tabs.Tab value="members">Members</Tabs.Tab>
            <Tabs.Tab value="service-accounts">Service accounts</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="members">{members}</Tabs.Panel>
          <Tabs.Panel value="service-accounts">
            <ServiceAccountsPanel team={data.name} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Stack gap="lg">{members}</Stack>
      )}
    </>
  );
}
