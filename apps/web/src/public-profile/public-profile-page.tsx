import {
  EDIT_INTRO_SEARCH,
  fetchPublicProfile,
  IntroContent,
  ProfileAvatar,
  type PublicProfile,
  profileKeys,
} from "@homebase/section-profile/public";
import { errorMessage, isApiError, useViewer } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Anchor, Badge, Box, Button, Card, Group, Skeleton, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router";
import { loginPathFor } from "../auth/safe-next";
import { Brand } from "../brand";
import { useDocumentTitle } from "../use-document-title";
import classes from "./public-profile.module.css";
import { InstitutionIcon, LinkIcon, LocationIcon, TeamIcon } from "./public-profile-icons";

/** "https://ada.dev/" → "ada.dev": the address as people say it. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === "/" ? "" : parsed.pathname;
    return `${parsed.host}${path}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The page frame: the product bar (with Sign in or Settings) and the content. */
function Frame({ signedIn, children }: { signedIn: boolean | undefined; children: ReactNode }) {
  const location = useLocation();
  return (
    <div className={classes.root}>
      <header className={classes.header}>
        <Group px="md" justify="space-between" wrap="nowrap" className={classes.headerInner}>
          <Brand />
          {signedIn === true && (
            <Button component={Link} to="/settings" variant="default" size="xs">
              Settings
            </Button>
          )}
          {signedIn === false && (
            <Button component={Link} to={loginPathFor(location)} variant="default" size="xs">
              Sign in
            </Button>
          )}
        </Group>
      </header>
      {children}
    </div>
  );
}

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <li>
      {icon}
      <span>
        <VisuallyHidden>{label}: </VisuallyHidden>
        {children}
      </span>
    </li>
  );
}

/**
 * The teams to list: `teamDetails` carries the display names; a `teams`-only answer (an older
 * API) falls back to the names.
 */
function teamsOf(profile: PublicProfile): { name: string; displayName: string }[] {
  return profile.teamDetails ?? (profile.teams ?? []).map((name) => ({ name, displayName: name }));
}

function ProfileView({ profile, isOwner }: { profile: PublicProfile; isOwner: boolean }) {
  const displayName = profile.name || profile.username;
  useDocumentTitle(`${displayName} (@${profile.username}) · Homebase`);
  const hasFacts = Boolean(profile.institution || profile.location || profile.websiteUrl);
  const teams = teamsOf(profile);
  return (
    <main className={classes.body}>
      <Stack gap="lg">
        <div className={classes.person}>
          <ProfileAvatar
            src={profile.avatarUrl}
            name={displayName}
            alt={`Profile picture of ${displayName}`}
            className={classes.avatar}
          />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={1} fz="h2" style={{ overflowWrap: "anywhere" }}>
              {displayName}
            </Title>
            <Text c="dimmed" size="lg">
              @{profile.username}
            </Text>
          </Stack>
        </div>
        {isOwner && (
          <Button component={Link} to="/settings/profile" variant="default" fullWidth>
            Edit profile
          </Button>
        )}
        {profile.bio && <Text className={classes.bio}>{profile.bio}</Text>}
        {hasFacts && (
          <ul className={classes.facts} aria-label="About">
            {profile.institution && (
              <Fact icon={<InstitutionIcon className={classes.icon} />} label="Institution">
                {profile.institution}
              </Fact>
            )}
            {profile.location && (
              <Fact icon={<LocationIcon className={classes.icon} />} label="Location">
                {profile.location}
              </Fact>
            )}
            {profile.websiteUrl && (
              <Fact icon={<LinkIcon className={classes.icon} />} label="Website">
                <Anchor href={profile.websiteUrl} rel="nofollow noopener noreferrer" underline="always">
                  {displayUrl(profile.websiteUrl)}
                </Anchor>
              </Fact>
            )}
          </ul>
        )}
        {teams.length > 0 && (
          <Stack gap="xs" component="section" aria-labelledby="profile-teams">
            <Group gap={8}>
              <TeamIcon className={classes.icon} />
              <Title order={2} fz="sm" id="profile-teams">
                Teams
              </Title>
            </Group>
            <Group gap={6} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {teams.map((team) => (
                <Badge
                  key={team.name}
                  component="li"
                  variant="default"
                  size="lg"
                  radius="sm"
                  tt="none"
                  fw={500}
                  title={team.displayName === team.name ? team.name : `${team.displayName} (${team.name})`}
                  className={classes.team}
                >
                  <span>{team.displayName}</span>
                  {team.displayName.toLowerCase() !== team.name && (
                    <Text span c="dimmed" fz="xs" ml={6}>
                      <VisuallyHidden> (</VisuallyHidden>
                      <span>{team.name}</span>
                      <VisuallyHidden>)</VisuallyHidden>
                    </Text>
                  )}
                </Badge>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>

      <Card withBorder padding="lg" component="section" aria-labelledby="profile-intro">
        <Group justify="space-between" align="center" mb={profile.introHtml || isOwner ? "md" : 0}>
          <Title order={2} fz="lg" id="profile-intro">
            Intro
          </Title>
          {isOwner && (
            <Button
              component={Link}
              to={`/settings/profile${EDIT_INTRO_SEARCH}`}
              variant="default"
              size="xs"
              aria-label="Edit intro"
            >
              Edit
            </Button>
          )}
        </Group>
        {profile.introHtml ? (
          <IntroContent html={profile.introHtml} />
        ) : (
          <Text c="dimmed" size="sm">
            {isOwner
              ? "You have not written an intro yet. Press Edit to write one."
              : `${displayName} has no intro yet.`}
          </Text>
        )}
      </Card>
    </main>
  );
}

function LoadingProfile() {
  return (
    <main className={classes.body} aria-busy="true">
      <VisuallyHidden role="status">Loading profile…</VisuallyHidden>
      <Stack gap="md">
        <Skeleton circle height={160} width={160} />
        <Skeleton height={24} width="70%" />
        <Skeleton height={14} width="40%" />
      </Stack>
      <Card withBorder padding="lg">
        <Stack gap="sm">
          <Skeleton height={18} width="20%" />
          <Skeleton height={12} width="90%" />
          <Skeleton height={12} width="80%" />
        </Stack>
      </Card>
    </main>
  );
}

/** A proper "not found" for unknown, renamed or deleted users (the API answers 404 for all of them). */
function UserNotFound({ username }: { username: string }) {
  useDocumentTitle("User not found · Homebase");
  return (
    <Box component="main" maw={480} mx="auto" px="md" py={64} ta="center">
      <Stack align="center" gap="sm">
        <Text c="dimmed" fw={700} fz={48} lh={1} aria-hidden>
          404
        </Text>
        <Title order={1} fz="h2" style={{ overflowWrap: "anywhere" }}>
          No user called “{username}”
        </Title>
        <Text c="dimmed">The account may have been deleted or renamed, or the address is mistyped.</Text>
        <Button component={Link} to="/settings" mt="sm">
          Go to Homebase
        </Button>
      </Stack>
    </Box>
  );
}

/** /u/:username — anyone's public profile, readable without signing in. */
export function PublicProfilePage() {
  const { username = "" } = useParams();
  // Signed in or not only decides the header button and the owner's Edit buttons; a 401 is the normal signed-out answer.
  const viewer = useViewer();
  const profile = useQuery({
    queryKey: profileKeys.publicProfile(username),
    queryFn: () => fetchPublicProfile(username),
  });
  const signedIn = viewer.isSuccess ? true : viewer.isError ? false : undefined;
  const isOwner =
    viewer.data !== undefined && profile.data !== undefined && viewer.data.username === profile.data.username;

  let content: ReactNode;
  if (profile.isPending) content = <LoadingProfile />;
  else if (profile.isError && isApiError(profile.error) && profile.error.status === 404) {
    content = <UserNotFound username={username} />;
  } else if (profile.isError) {
    content = (
      <Box component="main" maw={560} mx="auto" p="xl">
        <ErrorFallback
          title="Could not load this profile"
          error={errorMessage(profile.error)}
          onRetry={() => void profile.refetch()}
        />
      </Box>
    );
  } else content = <ProfileView profile={profile.data} isOwner={isOwner} />;

  return <Frame signedIn={signedIn}>{content}</Frame>;
}

export default PublicProfilePage;
