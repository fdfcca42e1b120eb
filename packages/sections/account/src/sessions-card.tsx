import { errorMessage, isApiError } from "@homebase/settings-kit";
import {
  ContrastBadge,
  ErrorFallback,
  formatRelativeTime,
  notifySuccess,
  RelativeTime,
  SettingsCard,
} from "@homebase/ui";
import { ConfirmPanel, Dialog } from "@homebase/ui/dialogs";
import { Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { endSession, type Session, sessionsKey, useSessions } from "./api";
import { describeUserAgent } from "./user-agent";

/** This browser first, then the most recently active. */
export function sortSessions(items: readonly Session[]): Session[] {
  return [...items].sort(
    (a, b) => Number(b.current) - Number(a.current) || Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt),
  );
}

/** "Chrome on Linux (203.0.113.7)": how a session is named in buttons and the dialog. */
function sessionName(session: Session): string {
  const device = describeUserAgent(session.userAgent).label;
  return session.address ? `${device} (${session.address})` : device;
}

function SignOutDialog({ session, onClose }: { session: Session | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (ending) return;
    setError(null);
    onClose();
  };
  const confirm = async () => {
    if (!session) return;
    setEnding(true);
    setError(null);
    try {
      await endSession(session.id);
      notifySuccess(`${describeUserAgent(session.userAgent).label} was signed out.`, "Session ended");
    } catch (err) {
      // 404: it had ended already (signed out there, or expired). The list is refreshed either way.
      if (!(isApiError(err) && err.status === 404)) {
        setEnding(false);
        setError(errorMessage(err));
        return;
      }
      notifySuccess("That session had already ended.", "Session ended");
    }
    await queryClient.invalidateQueries({ queryKey: sessionsKey });
    setEnding(false);
    onClose();
  };
  return (
    <Dialog opened={session !== null} onClose={close} title="Sign out this session?">
      {session && (
        <ConfirmPanel
          confirmLabel="Sign out session"
          onConfirm={confirm}
          onCancel={close}
          loading={ending}
          error={error}
          errorTitle="Could not sign the session out"
        >
          <Text size="sm">
            <strong>{sessionName(session)}</strong>, last active {formatRelativeTime(new Date(session.lastSeenAt))}, is
            signed out at once. Whoever uses that browser has to sign in again with your password.
          </Text>
        </ConfirmPanel>
      )}
    </Dialog>
  );
}

const DIVIDER = "1px solid var(--mantine-color-default-border)";

function SessionRow({
  session,
  first,
  last,
  onSignOut,
}: {
  session: Session;
  first: boolean;
  last: boolean;
  onSignOut: (s: Session) => void;
}) {
  const device = describeUserAgent(session.userAgent);
  return (
    <Group
      component="li"
      justify="space-between"
      wrap="nowrap"
      gap="md"
      pt={first ? 0 : "sm"}
      pb={last ? 0 : "sm"}
      style={{ borderTop: first ? undefined : DIVIDER }}
    >
      <Stack gap={2} miw={0} style={{ overflowWrap: "anywhere" }}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {device.label}
          </Text>
          {session.current && <ContrastBadge color="teal">This device</ContrastBadge>}
        </Group>
        <Text size="sm" c="dimmed">
          {session.address ?? "Unknown address"}
        </Text>
        <Text size="sm" c="dimmed">
          Signed in <RelativeTime date={session.createdAt} /> · Last active <RelativeTime date={session.lastSeenAt} />
        </Text>
      </Stack>
      {!session.current && (
        <Button
          variant="default"
          size="xs"
          // Red text with AA contrast on the default button in both colour schemes.
          c="light-dark(var(--mantine-color-red-8), var(--mantine-color-red-3))"
          aria-label={`Sign out ${sessionName(session)}`}
          onClick={() => onSignOut(session)}
          style={{ flex: "none" }}
        >
          Sign out
        </Button>
      )}
    </Group>
  );
}

/** "Sessions", as GitHub lists them: every signed-in browser, this one marked, the others can be signed out. */
export function SessionsCard() {
  const sessions = useSessions();
  const [signingOut, setSigningOut] = useState<Session | null>(null);

  let body: ReactNode;
  if (sessions.isPending) {
    body = (
      <Stack gap="sm" aria-busy="true" aria-label="Loading your sessions">
        <Skeleton height={16} width="40%" />
        <Skeleton height={12} width="70%" />
        <Skeleton height={16} width="35%" mt="sm" />
        <Skeleton height={12} width="65%" />
      </Stack>
    );
  } else if (sessions.isError) {
    body = (
      <ErrorFallback
        title="Could not load your sessions"
        error={errorMessage(sessions.error)}
        onRetry={() => void sessions.refetch()}
      />
    );
  } else if (sessions.data.items.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        No browser is signed in to your account. (You are using an API key.)
      </Text>
    );
  } else {
    body = (
      <Stack component="ul" aria-label="Signed-in browsers" gap={0} m={0} p={0} style={{ listStyle: "none" }}>
        {sortSessions(sessions.data.items).map((session, index, all) => (
          <SessionRow
            key={session.id}
            session={session}
            first={index === 0}
            last={index === all.length - 1}
            onSignOut={setSigningOut}
          />
        ))}
      </Stack>
    );
  }

  const others = sessions.data?.items.filter((s) => !s.current).length ?? 0;
  return (
    <SettingsCard
      title="Sessions"
      description="The browsers signed in to your account. Sign out any you do not recognise, then change your password."
      footerHint={
        sessions.isSuccess
          ? others === 0
            ? "You are signed in here only."
            : `Signed in here and in ${others} other ${others === 1 ? "browser" : "browsers"}.`
          : undefined
      }
    >
      {body}
      <SignOutDialog session={signingOut} onClose={() => setSigningOut(null)} />
    </SettingsCard>
  );
}
