import { errorMessage, useMe } from "@homebase/settings-kit";
import { ErrorFallback } from "@homebase/ui";
import { Anchor, Card, Group, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { AvatarCard } from "./avatar/avatar-card";
import { ProfileAvatar } from "./avatar/profile-avatar";
import { IntroCard } from "./intro/intro-card";
import { ProfileForm } from "./profile-form";
import { usePublicProfile } from "./use-profile";

function LoadingProfile() {
  return (
    <Stack gap="lg" aria-busy="true">
      <VisuallyHidden role="status">Loading your profile…</VisuallyHidden>
      <Group gap="md">
        <Skeleton circle height={56} />
        <Stack gap={8} style={{ flex: 1 }}>
          <Skeleton height={14} width="30%" />
          <Skeleton height={10} width="45%" />
        </Stack>
      </Group>
      {[160, 280, 180].map((height) => (
        <Card key={height} withBorder padding="lg">
          <Skeleton height={height - 40} />
        </Card>
      ))}
    </Stack>
  );
}

/** /settings/profile: who you are to others, and the intro of your public page. */
export default function ProfilePage() {
  const me = useMe();
  const publicProfile = usePublicProfile(me.data?.username);

  if (me.isPending) return <LoadingProfile />;
  if (me.isError) {
    return (
      <ErrorFallback
        title="Could not load your profile"
        error={errorMessage(me.error)}
        onRetry={() => void me.refetch()}
      />
    );
  }
  const profile = me.data;
  const displayName = profile.name || profile.username;
  const publicPath = `/u/${encodeURIComponent(profile.username)}`;

  return (
    <Stack gap="lg">
      <Group gap="md" wrap="nowrap" aria-label="Your profile" role="group">
        <ProfileAvatar src={profile.avatarUrl} name={displayName} alt="" size={56} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} truncate="end">
            {displayName}
          </Text>
          <Text size="sm" c="dimmed" truncate="end">
            @{profile.username} ·{" "}
            <Anchor href={publicPath} size="sm" underline="always">
              View your public profile
            </Anchor>
          </Text>
        </Stack>
      </Group>
      <AvatarCard me={profile} displayName={displayName} />
      <ProfileForm me={profile} />
      <IntroCard
        username={profile.username}
        markdown={profile.introMarkdown}
        introHtml={publicProfile.data?.introHtml}
        loadError={publicProfile.isError ? errorMessage(publicProfile.error) : null}
        onRetry={() => void publicProfile.refetch()}
      />
    </Stack>
  );
}
